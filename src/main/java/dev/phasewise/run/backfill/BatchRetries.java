package dev.phasewise.run.backfill;

import dev.phasewise.run.retry.SqlFailureClass;

import java.sql.SQLException;
import java.time.Duration;

/**
 * The backfill's retry policy for one worker: which failed batches run again, and for how long. A
 * batch that lost its lock (lock_timeout), its transaction (deadlock, serialization failure) or its
 * statement_timeout runs again, up to the job's maxRetries in a row; a lost session is waited for by
 * time, the job's reconnectPatience from the loss, because a server restart or a failover takes as
 * long as it takes, not a number of attempts. Which SQLSTATE is which is {@link SqlFailureClass}'s
 * business, shared with the plan runner; what to do with each class is decided here.
 */
final class BatchRetries {
    /** What a failed batch calls for. */
    enum Action {
        /** Not transient: the worker stops and the run fails. */
        FAIL,
        /** Run the same batch again after the back-off. */
        SAME,
        /** statement_timeout: run it again with a smaller batch. */
        SMALLER,
        /** The session is gone: open a new one, re-read the checkpoint, continue. */
        RECONNECT
    }

    /** The retry's number (1 for the first of its series) and the wait before it. */
    record Wait(int attempt, Duration backoff) {
    }

    private final int maxRetries;
    private final Duration reconnectPatience;
    private int consecutive;        // retries of the batch since the last commit
    private long lostAt;            // System.nanoTime() when the connection was lost; 0 while connected
    private int lostAttempts;       // connection attempts since then, for the back-off
    private int connectsSinceBatch; // sessions opened since the last commit

    BatchRetries(int maxRetries, Duration reconnectPatience) {
        this.maxRetries = maxRetries;
        this.reconnectPatience = reconnectPatience;
    }

    /**
     * What a batch that failed with {@code e} calls for. A closed session is a reconnect whatever the
     * SQLSTATE says (the driver may report the loss as another error). Unlike the plan runner, the
     * backfill retries 57014: a smaller batch is the cure for a statement_timeout, and a cancel request
     * ends the loop before the retry anyway.
     */
    static Action classify(SQLException e, boolean sessionClosed) {
        if (sessionClosed) {
            return Action.RECONNECT;
        }
        return switch (SqlFailureClass.of(e)) {
            case CONNECTION -> Action.RECONNECT;
            case LOCK_TIMEOUT, CONFLICT -> Action.SAME;
            case CANCELED -> Action.SMALLER;
            case FATAL -> Action.FAIL;
        };
    }

    /** A new session is open: the loss is over. Returns how many sessions were opened since the last committed batch. */
    int connected() {
        lostAt = 0;
        lostAttempts = 0;
        return ++connectsSinceBatch;
    }

    /** A batch committed: the series of retries starts again. */
    void committed() {
        consecutive = 0;
        connectsSinceBatch = 0;
    }

    /**
     * The next retry after a failure that calls for {@code action} (not FAIL), or null when the policy
     * gives up: maxRetries retries of the batch in a row, or no reconnect patience left.
     *
     * @param nanoNow System.nanoTime() now
     */
    Wait next(Action action, long nanoNow) {
        if (action == Action.RECONNECT) {
            if (lostAt == 0) {
                lostAt = nanoNow;
            }
            Duration left = reconnectPatience.minus(Duration.ofNanos(nanoNow - lostAt));
            if (left.isNegative() || left.isZero()) {
                return null;
            }
            int attempt = ++lostAttempts;
            Duration backoff = BackfillExecutor.backoff(attempt);
            return new Wait(attempt, backoff.compareTo(left) > 0 ? left : backoff);
        }
        int attempt = ++consecutive;
        if (attempt > maxRetries) {
            return null;
        }
        return new Wait(attempt, BackfillExecutor.backoff(attempt));
    }
}
