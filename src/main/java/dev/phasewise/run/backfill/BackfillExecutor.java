package dev.phasewise.run.backfill;

import dev.phasewise.db.Database;
import dev.phasewise.run.retry.Backoff;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Runs backfill jobs: keyset batches over the key, each batch one short transaction that updates
 * the rows with key in (lo, hi] and moves the worker's checkpoint to hi in the same transaction, so
 * that a crash at any instant leaves every row either updated with its checkpoint past it, or not
 * updated with the checkpoint before it. With N workers the key range is split once, when the job
 * is created, into N disjoint ranges by key quantiles; each range has its own worker, session and
 * checkpoint. See docs/backfill.md.
 *
 * <p>The executor itself does not decide whether a database may be written (the staging guard is
 * the caller's business, as for every step the runner executes).
 */
public final class BackfillExecutor {
    /** Batches are short and retried often: start small, and never wait long for a lock to come free. */
    private static final Backoff BACKOFF = new Backoff(Duration.ofMillis(50), Duration.ofSeconds(10));

    private final Database db;

    public BackfillExecutor(Database db) {
        this.db = db;
    }

    /**
     * Checks the job against the catalog without writing anything (no schema, no checkpoint).
     *
     * @throws BackfillException naming the problem
     */
    public BackfillTarget validate(BackfillJob job) {
        try (Connection c = db.newSession()) {
            return BackfillTarget.resolve(c, job);
        } catch (SQLException e) {
            throw new BackfillException(db.translate(e).getMessage(), null, e.getSQLState(), e);
        }
    }

    /** The stored state of a job, or empty when it never ran (reads only; the checkpoint tables may not exist). */
    public Optional<JobStatus> status(String jobId) {
        try (Connection c = db.newSession(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT to_regclass('phasewise.backfill_ranges') IS NOT NULL")) {
            rs.next();
            if (!rs.getBoolean(1)) {
                return Optional.empty();
            }
            Checkpoints.JobRow row = Checkpoints.job(c, jobId);
            if (row == null) {
                return Optional.empty();
            }
            List<Checkpoints.RangeRow> ranges = Checkpoints.ranges(c, jobId);
            List<String> at = ranges.stream().map(r -> r.done() ? "done" : BackfillTarget.keyText(r.checkpoint())).toList();
            return Optional.of(new JobStatus(jobId, row.state(), ranges.stream().mapToLong(Checkpoints.RangeRow::rowsDone).sum(),
                    row.totalEstimate(), at));
        } catch (SQLException e) {
            throw db.translate(e);
        }
    }

    /**
     * A job's stored state.
     *
     * @param checkpoints per key range, its checkpoint key, "(start)" before the first batch, or "done"
     */
    public record JobStatus(String jobId, String state, long rowsDone, long totalEstimate, List<String> checkpoints) {
    }

    /** Forgets a job's checkpoints, so that the next run starts from the first key. */
    public boolean forget(String jobId) {
        try (Connection c = db.newSession()) {
            Checkpoints.ensureSchema(c);
            return Checkpoints.delete(c, jobId);
        } catch (SQLException e) {
            throw db.translate(e);
        }
    }

    /** Runs the job to completion, cancellation or failure, blocking the calling thread. */
    public BackfillOutcome execute(BackfillJob job) {
        return execute(job, new BackfillControl(), BackfillListener.NONE);
    }

    /**
     * Runs the job to completion, cancellation or failure, blocking the calling thread. Input
     * problems (unknown table or column, an invalid expression) throw {@link BackfillException}
     * before anything is written; a batch failure that is not retried ends in an outcome with state
     * FAILED and the error. Interrupting the calling thread cancels like {@link BackfillControl#cancel()}.
     */
    public BackfillOutcome execute(BackfillJob job, BackfillControl control, BackfillListener listener) {
        Connection session;
        BackfillTarget target;
        session = db.newSession();
        try {
            target = BackfillTarget.resolve(session, job);
        } catch (SQLException e) {
            closeQuietly(session);
            throw new BackfillException(db.translate(e).getMessage(), null, e.getSQLState(), e);
        } catch (RuntimeException e) {
            closeQuietly(session);
            throw e;
        }
        try (ProgressDispatcher dispatcher = new ProgressDispatcher(job.jobId(), listener)) {
            BackfillRun run = new BackfillRun(db, job, target, control, dispatcher);
            try {
                return run.execute(session);
            } finally {
                closeQuietly(session);
            }
        }
    }

    static void closeQuietly(Connection c) {
        try {
            if (c != null) {
                c.close();
            }
        } catch (SQLException ignored) {
            // closing a broken session
        }
    }

    /** Exponential back-off with jitter over the upper half: 50 ms, 100 ms, ... capped at 10 s. */
    static Duration backoff(int attempt) {
        return BACKOFF.delay(attempt, ThreadLocalRandom.current());
    }
}
