package dev.phasewise.analysis.output;

import dev.phasewise.analysis.FileAnalysis;
import dev.phasewise.analysis.StatementResult;
import dev.phasewise.analysis.parse.SourceProblem;
import dev.phasewise.analysis.rules.Finding;
import dev.phasewise.analysis.rules.Severity;

import java.util.ArrayList;
import java.util.List;

/**
 * One thing a CI system shows on a line of a file: a finding (with its rule and fix) or an input
 * error. The CI formats (SARIF, GitHub, GitLab, reviewdog) are each a way of writing these.
 *
 * @param rule     the rule id, or "input-error"
 * @param ruleName the rule's name ("require-concurrent-index-creation"), or "input-error"
 * @param fix      the safe alternative, or null
 */
public record Annotation(String file, int line, int column, Severity severity, String rule, String ruleName,
                         String message, String fix) {

    /** Every finding and input error of the report, file by file, in statement order. */
    public static List<Annotation> of(Report report) {
        List<Annotation> out = new ArrayList<>();
        for (FileAnalysis f : report.files()) {
            String file = f.file().replace('\\', '/');
            for (StatementResult s : f.statements()) {
                for (Finding x : s.findings()) {
                    out.add(new Annotation(file, x.located() ? x.line() : s.line(),
                            x.located() ? x.column() : s.column(), x.severity(), x.rule().id(), x.rule().name(),
                            x.message(), x.fix()));
                }
            }
            for (SourceProblem p : f.problems()) {
                if (p.error()) {
                    out.add(new Annotation(file, Math.max(1, p.line()), Math.max(1, p.column()), Severity.ERROR,
                            "input-error", "input-error", p.message(), null));
                }
            }
        }
        return out;
    }

    /** The message with its fix, for formats that have one text field. */
    public String messageWithFix() {
        return fix == null || fix.isBlank() ? message : message + "\nFix:\n" + fix;
    }
}
