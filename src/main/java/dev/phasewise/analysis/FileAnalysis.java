package dev.phasewise.analysis;

import dev.phasewise.analysis.parse.SourceProblem;

import java.util.List;

/**
 * The analysis of one migration file. {@code problems} are faults of the input itself
 * (unreadable file, unterminated string, syntax errors), not migration risks.
 */
public record FileAnalysis(String file, List<StatementResult> statements, List<SourceProblem> problems) {

    public boolean hasInputErrors() {
        return problems.stream().anyMatch(SourceProblem::error);
    }

    public static FileAnalysis unreadable(String file, String message) {
        return new FileAnalysis(file, List.of(), List.of(SourceProblem.error(0, 0, message)));
    }
}
