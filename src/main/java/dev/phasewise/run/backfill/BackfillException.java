package dev.phasewise.run.backfill;

/**
 * A backfill stopped: bad input found before any write, or a batch failed with an error that is not
 * retried (or retried too often). For a batch, the message names the worker, the key range, the SQL
 * and PostgreSQL's message; {@link #sql()} and {@link #sqlState()} carry them separately.
 */
public final class BackfillException extends RuntimeException {
    private final String sql;
    private final String sqlState;

    public BackfillException(String message, String sql, String sqlState, Throwable cause) {
        super(message, cause);
        this.sql = sql;
        this.sqlState = sqlState;
    }

    public BackfillException(String message) {
        this(message, null, null, null);
    }

    /** The statement that failed, or null. */
    public String sql() {
        return sql;
    }

    /** PostgreSQL's SQLSTATE, or null. */
    public String sqlState() {
        return sqlState;
    }
}
