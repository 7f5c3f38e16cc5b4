package dev.phasewise.db.trace;

import dev.phasewise.analysis.parse.SourceProblem;

import java.util.List;

/**
 * A traced migration file.
 *
 * @param undone     statements run to undo what non-transactional statements committed
 * @param leftBehind catalog differences between the start and the end of the trace; empty when
 *                   the trace left the database as it found it
 */
public record TracedFile(String file, List<TracedStatement> statements, List<SourceProblem> problems,
                         List<String> undone, List<String> leftBehind) {

    public long disagreementCount() {
        return statements.stream().mapToLong(s -> s.disagreements().size()).sum();
    }
}
