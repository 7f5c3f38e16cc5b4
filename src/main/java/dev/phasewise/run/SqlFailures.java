package dev.phasewise.run;

import dev.phasewise.run.retry.SqlFailureClass;

import java.sql.SQLException;

/** How the runner treats a failed statement, by SQLSTATE. */
final class SqlFailures {
    enum Kind {
        /** 55P03: lock_timeout expired (the statement gave way instead of queueing in front of the application). */
        LOCK_TIMEOUT,
        /** 40P01, 40001: the server chose this transaction as the victim; running it again is the cure. */
        CONFLICT,
        /** 08xxx, 57P01/57P02/57P03, or an I/O error: the session is gone or the server restarts. */
        CONNECTION,
        /** 57014: cancelled (by RunControl, or by statement_timeout). */
        CANCELED,
        /** Anything else: the run stops. */
        FATAL
    }

    private SqlFailures() {
    }

    static Kind classify(SQLException e) {
        // the SQLSTATEs are known in one place, shared with the backfill engine; the names here are the runner's
        return switch (SqlFailureClass.of(e)) {
            case LOCK_TIMEOUT -> Kind.LOCK_TIMEOUT;
            case CONFLICT -> Kind.CONFLICT;
            case CONNECTION -> Kind.CONNECTION;
            case CANCELED -> Kind.CANCELED;
            case FATAL -> Kind.FATAL;
        };
    }

    /** How {@link #reason} begins for a lock_timeout; {@link RunEvent.StepRetrying#lockTimeout} reads it back. */
    static final String LOCK_TIMEOUT_REASON = "lock not granted within lock_timeout (55P03)";

    static String reason(Kind kind, SQLException e) {
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
