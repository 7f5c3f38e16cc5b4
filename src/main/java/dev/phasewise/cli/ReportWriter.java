package dev.phasewise.cli;

import dev.phasewise.analysis.PhasewiseVersion;
import dev.phasewise.analysis.output.GithubReport;
import dev.phasewise.analysis.output.GitlabReport;
import dev.phasewise.analysis.output.JsonReport;
import dev.phasewise.analysis.output.RdjsonReport;
import dev.phasewise.analysis.output.Report;
import dev.phasewise.analysis.output.SarifReport;
import dev.phasewise.analysis.output.TextReport;
import dev.phasewise.analysis.rules.Rule;
import dev.phasewise.analysis.rules.RuleMeta;
import dev.phasewise.analysis.rules.Rules;
import dev.phasewise.convert.Converter;

import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A lint report on standard output as text, JSON, SARIF or a CI system's own format (GitHub
 * annotations, GitLab Code Quality, reviewdog): shared by {@code lint} and {@code django lint}.
 */
final class ReportWriter {
    enum Format { text, json, sarif, github, gitlab, rdjson }

    enum Color { auto, always, never }

    private ReportWriter() {
    }

    static void write(Report report, Format format, Color color, boolean verbose) throws Exception {
        write(report, format, color, verbose, Rules.ALL.stream().map(Rule::meta).toList());
    }

    /** {@code rules}: the rules SARIF lists (django lint's include the Django rules). */
    static void write(Report report, Format format, Color color, boolean verbose, List<RuleMeta> rules)
            throws Exception {
        switch (format) {
            case json -> {
                OutputStream out = new BufferedOutputStream(System.out);
                new JsonReport().write(report, nonClosing(out));
                out.flush();
            }
            case sarif -> {
                OutputStream out = new BufferedOutputStream(System.out);
                new SarifReport(rules, PhasewiseVersion.get()).write(report, nonClosing(out));
                out.flush();
            }
            case gitlab -> {
                OutputStream out = new BufferedOutputStream(System.out);
                new GitlabReport().write(report, nonClosing(out));
                out.flush();
            }
            case rdjson -> {
                OutputStream out = new BufferedOutputStream(System.out);
                new RdjsonReport().write(report, nonClosing(out));
                out.flush();
            }
            case github -> new GithubReport().write(report, new PrintWriter(new OutputStreamWriter(
                    new BufferedOutputStream(System.out), StandardCharsets.UTF_8)));
            default -> {
                PrintWriter out = new PrintWriter(new OutputStreamWriter(
                        new BufferedOutputStream(System.out), StandardCharsets.UTF_8));
                new TextReport(useColor(color), verbose).withRewritable(Converter.CURES).write(report, out);
                out.flush();
            }
        }
    }

    private static boolean useColor(Color color) {
        return switch (color) {
            case always -> true;
            case never -> false;
            case auto -> Terminal.attached() && System.getenv("NO_COLOR") == null
                    && !"dumb".equals(System.getenv("TERM"));
        };
    }

    /** The reports close their stream when done; standard output must stay open. */
    private static OutputStream nonClosing(OutputStream out) {
        return new FilterOutputStream(out) {
            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
            }

            @Override
            public void close() throws IOException {
                out.flush();
            }
        };
    }
}
