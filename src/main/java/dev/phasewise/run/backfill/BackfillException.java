package dev.phasewise.run.backfill;

/**
 * A backfill stopped: bad input found before any write, or a batch failed with an error that is not
 * retried (or retried too often). For a batch, the message names the worker, the key range, the SQL
 * and PostgreSQL's message; {@link #sql()} and {@link #sqlState()} carry them separately.
 */
public final class BackfillException extends RuntimeException {
    /** The part of the job's input that a problem is in, so that a caller can name its own option or field. */
    public enum Clause { SET, WHERE }

    private final String sql;
    private final String sqlState;
    private final Clause clause;

    public BackfillException(String message, String sql, String sqlState, Throwable cause) {
        this(message, sql, sqlState, cause, null);
    }

    public BackfillException(String message, String sql, String sqlState, Throwable cause, Clause clause) {
        super(message, cause);
        this.sql = sql;
        this.sqlState = sqlState;
        this.clause = clause;
    }

    /** The job's SET or WHERE when the problem is in it (it does not parse, or names an unknown column...); else null. */
    public Clause clause() {
        return clause;
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
