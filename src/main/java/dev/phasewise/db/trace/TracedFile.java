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
 * @param notApplied with {@code trace --apply}: the statements PostgreSQL rejected when the file was then
 *                   applied for real (one line each, with its line number); empty otherwise
 * @param needlessAlarms statements where the analysis reported an error but PostgreSQL showed them safe
 *                   (no rewrite or scan under a lock that blocks writes, on any table that existed before
 *                   the file), one line each
 */
public record TracedFile(String file, List<TracedStatement> statements, List<SourceProblem> problems,
                         List<String> undone, List<String> leftBehind, Map<String, Long> deadRows,
                         List<String> notApplied, List<String> needlessAlarms) {

    public TracedFile(String file, List<TracedStatement> statements, List<SourceProblem> problems,
                      List<String> undone, List<String> leftBehind, Map<String, Long> deadRows) {
        this(file, statements, problems, undone, leftBehind, deadRows, List.of(), List.of());
    }

    public boolean hasInputErrors() {
        return problems.stream().anyMatch(SourceProblem::error);
    }

    /** Statements PostgreSQL ran and the analysis was compared with. */
    public long tracedCount() {
        return statements.stream().filter(TracedStatement::traced).count();
    }

    /** Traced statements where PostgreSQL and the analysis agree on every table. */
    public long agreeingCount() {
        return statements.stream().filter(s -> s.traced() && s.disagreements().isEmpty()).count();
    }

    public long disagreementCount() {
        return statements.stream().mapToLong(s -> s.disagreements().size()).sum();
    }
}
