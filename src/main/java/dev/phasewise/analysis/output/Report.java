package dev.phasewise.analysis.output;

import dev.phasewise.analysis.FileAnalysis;
import dev.phasewise.analysis.Finding;
import dev.phasewise.analysis.Severity;
import dev.phasewise.analysis.StatementResult;
import dev.phasewise.analysis.parse.SourceProblem;

import java.util.List;

/** The analyses of all files of one lint run, with the counts the exit code is decided from. */
public record Report(List<FileAnalysis> files, int pgVersion) {

    public int count(Severity s) {
        int n = 0;
        for (FileAnalysis f : files) {
            for (StatementResult r : f.statements()) {
                for (Finding x : r.findings()) {
                    if (x.severity() == s) {
                        n++;
                    }
                }
            }
        }
        return n;
    }

    public boolean hasInputErrors() {
        return files.stream().anyMatch(FileAnalysis::hasInputErrors);
    }

    public boolean hasFindingsAtOrAbove(Severity threshold) {
        for (Severity s : Severity.values()) {
            if (s.atLeast(threshold) && count(s) > 0) {
                return true;
            }
        }
        return false;
    }

    public int statementCount() {
        return files.stream().mapToInt(f -> f.statements().size()).sum();
    }

    public int inputErrorCount() {
        return (int) files.stream().flatMap(f -> f.problems().stream()).filter(SourceProblem::error).count();
    }
}
