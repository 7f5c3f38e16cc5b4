package dev.phasewise.db.trace;

import dev.phasewise.analysis.parse.Splitter;
import dev.phasewise.analysis.parse.Statement;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Applies a migration file for real, so that the next file of a history is traced on top of it:
 * statement by statement in autocommit, as psql runs a script (its own BEGIN / COMMIT are obeyed, a
 * CONCURRENTLY statement runs outside a transaction), in a session of its own, so that a
 * {@code SET search_path} or {@code SET ROLE} of one file does not reach the next, as each run of a
 * migration tool starts afresh. A statement PostgreSQL rejects is recorded and the rest of the file
 * still runs (psql's default), because a history's later files mostly do not depend on it; the
 * trace report lists what failed.
 */
public final class HistoryApplier {
    private final Supplier<Connection> newSession;

    public HistoryApplier(Supplier<Connection> newSession) {
        this.newSession = newSession;
    }

    /** Runs the file's statements and commits them; returns one line per statement PostgreSQL rejected. */
    public List<String> apply(String source) throws SQLException {
        List<Statement> statements = new ArrayList<>();
        new Splitter(source, p -> { }).forEach(statements::add);
        return apply(statements);
    }

    /** The same for some of a file's statements, in order (a file applied in parts around a CONCURRENTLY one). */
    public List<String> apply(List<Statement> statements) throws SQLException {
        List<String> failures = new ArrayList<>();
        try (Connection c = newSession.get(); java.sql.Statement st = c.createStatement()) {
            c.setAutoCommit(true);
            for (Statement s : statements) {
                try {
                    st.execute(s.text());
                } catch (SQLException e) {
                    failures.add("line " + s.line() + ": " + firstLine(e.getMessage()));
                }
            }
            // A file that opens a transaction and never closes it expects its tool to commit (Flyway
            // does); a file that ended its own transaction gets only a harmless warning here.
            st.execute("COMMIT");
        }
        return failures;
    }

    private static String firstLine(String message) {
        return message == null ? "" : message.lines().findFirst().orElse("");
    }
}
