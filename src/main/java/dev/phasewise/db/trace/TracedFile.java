package dev.phasewise.db.trace;

import dev.phasewise.analysis.parse.SourceProblem;

import java.util.List;
import java.util.Map;

/**
 * A traced migration file.
 *
 * @param undone     statements run to undo what non-transactional statements committed
 * @param leftBehind catalog differences between the start and the end of the trace; empty when
 *                   the trace left the database as it found it
 * @param deadRows   row versions written and rolled back while tracing, per table: dead rows that stay
 *                   in the table (and its size) until VACUUM removes them
 */
public record TracedFile(String file, List<TracedStatement> statements, List<SourceProblem> problems,
                         List<String> undone, List<String> leftBehind, Map<String, Long> deadRows) {

    public boolean hasInputErrors() {
        return problems.stream().anyMatch(SourceProblem::error);
    }

    public long disagreementCount() {
        return statements.stream().mapToLong(s -> s.disagreements().size()).sum();
    }
}
