package dev.phasewise.analysis.output;

import dev.phasewise.analysis.FileAnalysis;
import dev.phasewise.analysis.StatementResult;
import dev.phasewise.analysis.parse.SourceProblem;
import dev.phasewise.analysis.rules.Finding;
import dev.phasewise.analysis.rules.Severity;

import java.util.List;

/**
 * The analyses of all files of one lint run, with the counts the exit code is decided from. The counts
 * are taken once, and from the spill's own tally where it has one: a file's statements may be read
 * back from the disk ({@link StatementSpill}).
 */
public final class Report {
    private final List<FileAnalysis> files;
    private final int pgVersion;
    private int[] counts;

    public Report(List<FileAnalysis> files, int pgVersion) {
        this.files = files;
        this.pgVersion = pgVersion;
    }

    public List<FileAnalysis> files() {
        return files;
    }

    public int pgVersion() {
        return pgVersion;
    }

    public int count(Severity s) {
        if (counts == null) {
            int[] n = new int[Severity.values().length];
            for (FileAnalysis f : files) {
                if (f.statements() instanceof SeverityTally tally) {
                    for (Severity severity : Severity.values()) {
                        n[severity.ordinal()] += tally.findings(severity);
                    }
                    continue;
                }
                for (StatementResult r : f.statements()) {
                    for (Finding x : r.findings()) {
                        n[x.severity().ordinal()]++;
                    }
                }
            }
            counts = n;
        }
        return counts[s.ordinal()];
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
