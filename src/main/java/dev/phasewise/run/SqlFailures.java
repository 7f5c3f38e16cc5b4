package dev.phasewise.run;

import dev.phasewise.run.retry.SqlFailureClass;

import java.sql.SQLException;

/** How the runner words a failed statement, by its SQLSTATE's class. */
final class SqlFailures {
    private SqlFailures() {
    }

    /** The SQLSTATE's class, known in one place shared with the backfill engine ({@link SqlFailureClass}). */
    static SqlFailureClass classify(SQLException e) {
        return SqlFailureClass.of(e);
    }

    /** How {@link #reason} begins for a lock_timeout; {@link RunEvent.StepRetrying#lockTimeout} reads it back. */
    static final String LOCK_TIMEOUT_REASON = "lock not granted within lock_timeout (55P03)";

    static String reason(SqlFailureClass kind, SQLException e) {
        return switch (kind) {
            case LOCK_TIMEOUT -> LOCK_TIMEOUT_REASON + ": " + message(e);
            case CONFLICT -> (e.getSQLState().equals("40P01") ? "deadlock" : "serialization failure") + " ("
                    + e.getSQLState() + "): " + message(e);
            case CONNECTION -> "connection lost (" + e.getSQLState() + "): " + message(e);
            default -> message(e) + " (SQLSTATE " + e.getSQLState() + ")";
        };
    }

    /** PostgreSQL's primary message without pgjdbc's "ERROR: " prefix, with its detail when there is one. */
    static String message(SQLException e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        String first = m.lines().findFirst().orElse(m).replaceFirst("^(ERROR|FATAL):\\s*", "").strip();
        String detail = m.lines().map(String::strip).filter(l -> l.startsWith("Detail:")).findFirst().orElse(null);
        return detail == null ? first : first + " (" + detail + ")";
    }
}
