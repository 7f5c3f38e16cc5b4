package dev.phasewise.run.retry;

import java.sql.SQLException;

/**
 * What a failed statement's SQLSTATE says about running it again. The plan runner and the backfill
 * engine both retry transient failures; this is the one place that knows which SQLSTATEs those are,
 * so that the two cannot drift apart. What to do with each class is the caller's policy: the runner
 * stops on a statement_timeout (a DDL statement does not get faster), the backfill retries it with a
 * smaller batch.
 *
 * <p>It lives in its own small package because {@code run} and {@code run.backfill} both use it and
 * {@code run.backfill} must not depend on {@code run}.
 */
public enum SqlFailureClass {
    /** 55P03: lock_timeout expired (the statement gave way instead of queueing in front of the application). */
    LOCK_TIMEOUT,
    /** 40P01, 40001: the server chose this transaction as the victim; running it again is the cure. */
    CONFLICT,
    /** 08xxx, 57P01/57P02/57P03 (pgjdbc reports an I/O error as 08006): the session is gone or the server restarts. */
    CONNECTION,
    /** 57014: cancelled, by a cancel request or by statement_timeout. */
    CANCELED,
    /** Anything else, or no SQLSTATE: running it again would fail again. */
    FATAL;

    public static SqlFailureClass of(SQLException e) {
        return of(e.getSQLState());
    }

    public static SqlFailureClass of(String sqlState) {
        if (sqlState == null) {
            return FATAL;
        }
        if (sqlState.equals("55P03")) {
            return LOCK_TIMEOUT;
        }
        if (sqlState.equals("40P01") || sqlState.equals("40001")) {
            return CONFLICT;
        }
        if (sqlState.startsWith("08") || sqlState.equals("57P01") || sqlState.equals("57P02")
                || sqlState.equals("57P03")) {
            return CONNECTION;
        }
        if (sqlState.equals("57014")) {
            return CANCELED;
        }
        return FATAL;
    }
}
