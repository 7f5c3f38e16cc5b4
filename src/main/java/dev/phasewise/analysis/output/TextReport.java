package dev.phasewise.analysis.output;

import dev.phasewise.analysis.FileAnalysis;
import dev.phasewise.analysis.StatementResult;
import dev.phasewise.analysis.cost.DurationEstimate;
import dev.phasewise.analysis.cost.TableEffect;
import dev.phasewise.analysis.parse.SourceProblem;
import dev.phasewise.analysis.rules.Finding;
import dev.phasewise.analysis.rules.Severity;

import java.io.PrintWriter;
import java.util.Comparator;
import java.util.Locale;
import java.util.Set;

/**
 * Human output for a terminal: per file, each statement that locks an existing table or has a
 * finding, its locks in a small table, its findings with their fix; input problems with their
 * line; a summary. Colour only when asked (a terminal that is not redirected, NO_COLOR unset).
 */
public final class TextReport {
    private final boolean color;
    private final boolean verbose;
    private Set<String> rewritable = Set.of();

    public TextReport(boolean color, boolean verbose) {
        this.color = color;
        this.verbose = verbose;
    }

    /**
     * The rules whose finding {@code phasewise convert} rewrites into phased steps: a file with such
     * findings ends with a line that says so (the converter lives above the analysis, so the caller
     * names them).
     */
    public TextReport withRewritable(Set<String> rules) {
        this.rewritable = Set.copyOf(rules);
        return this;
    }

    public void write(Report report, PrintWriter out) {
        for (FileAnalysis f : report.files()) {
            writeFile(f, out);
        }
        out.println(summary(report));
        out.flush();
    }

    private void writeFile(FileAnalysis f, PrintWriter out) {
        out.println(bold(f.file()));
        for (SourceProblem p : f.problems().stream().sorted(Comparator.comparingInt(SourceProblem::line)).toList()) {
            String where = p.line() > 0 ? f.file() + ":" + p.line() + ":" + p.column() : f.file();
            out.println("  " + (p.error() ? paint("31", "input error") : paint("36", "note")) + "  " + where + ": "
                    + p.message());
        }
        for (StatementResult r : f.statements()) {
            boolean interesting = verbose || !r.findings().isEmpty()
                    || r.tables().stream().anyMatch(TableEffect::preexisting);
            if (!interesting || r.error() != null) {
                continue;
            }
            out.println();
            out.println("  " + paint("2", r.line() + ":" + r.column()) + "  " + firstLine(r.sql()));
            for (TableEffect t : r.tables()) {
                out.printf(Locale.ROOT, "      %-28s %-26s %-10s %-8s %s%n", t.name(), t.lock().pgName(),
                        t.rewrite() ? "rewrite" : "-", t.scan() ? "scan" : "-", blocks(t));
            }
            for (DurationEstimate e : r.estimates()) {
                out.println("      " + paint("35", "estimate: " + e.table() + ": " + e.describe()));
            }
            r.findings().stream().sorted(Comparator.comparing(Finding::severity).reversed())
                    .forEach(x -> writeFinding(x, out));
        }
        long curable = f.statements().stream().flatMap(r -> r.findings().stream())
                .filter(x -> rewritable.contains(x.rule().id())).count();
        if (curable > 0) {
            out.println();
            out.println("  " + paint("32", "phasewise convert " + f.file() + " rewrites " + (curable == 1
                    ? "this finding" : "these " + curable + " findings") + " into a phased plan (docs/convert.md)"));
        }
        out.println();
    }

    private void writeFinding(Finding x, PrintWriter out) {
        String label = switch (x.severity()) {
            case ERROR -> paint("1;31", "error");
            case WARNING -> paint("1;33", "warning");
            case INFO -> paint("1;36", "info");
        };
        String where = x.located() ? paint("2", x.line() + ":" + x.column()) + " " : "";
        out.println("      " + where + label + " " + x.rule().id() + " " + x.rule().name() + ": " + x.message());
        if (x.fix() != null && !x.fix().isBlank()) {
            String[] lines = x.fix().split("\n");
            out.println("        " + paint("32", "fix: " + lines[0]));
            for (int i = 1; i < lines.length; i++) {
                out.println("             " + paint("32", lines[i]));
            }
        }
    }

    private static String blocks(TableEffect t) {
        if (t.lock().blocksReads()) {
            return "blocks reads and writes";
        }
        if (t.lock().blocksWrites()) {
            return "blocks writes";
        }
        return "reads and writes continue";
    }

    static String firstLine(String sql) {
        String one = sql.strip().replaceAll("\\s+", " ");
        return one.length() > 110 ? one.substring(0, 107) + "..." : one;
    }

    private String summary(Report r) {
        int errors = r.count(Severity.ERROR);
        int warnings = r.count(Severity.WARNING);
        int infos = r.count(Severity.INFO);
        StringBuilder b = new StringBuilder();
        b.append(r.files().size()).append(r.files().size() == 1 ? " file, " : " files, ")
                .append(r.statementCount()).append(r.statementCount() == 1 ? " statement" : " statements")
                .append(" (PostgreSQL ").append(r.pgVersion()).append("): ")
                .append(plural(errors, "error")).append(", ").append(plural(warnings, "warning")).append(", ")
                .append(infos).append(" info");
        if (r.inputErrorCount() > 0) {
            b.append(", ").append(plural(r.inputErrorCount(), "input error"));
        }
        return errors > 0 || r.inputErrorCount() > 0 ? paint("1;31", b.toString())
                : warnings > 0 ? paint("1;33", b.toString()) : paint("1;32", b.toString());
    }

    private static String plural(int n, String word) {
        return n + " " + word + (n == 1 ? "" : "s");
    }

    private String bold(String s) {
        return paint("1", s);
    }

    private String paint(String code, String s) {
        return color ? "\u001b[" + code + "m" + s + "\u001b[0m" : s;
    }
}
