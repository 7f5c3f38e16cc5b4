package dev.phasewise.run.backfill;

import java.time.Duration;

/**
 * One snapshot of a running backfill, emitted after every batch and on every change of state. Between
 * batches the listener also receives the latest snapshot again, its clock advanced
 * ({@link #advanced}): rows and rates stay those last measured, elapsed, ETA and {@code sinceCommit}
 * move with time, so a view stays live (and a batch that hangs shows) while a batch runs.
 *
 * <p>Not {@link dev.phasewise.run.RunEvent.BackfillProgress}, a run's event about a step, on purpose: this is the
 * engine's, which runs without a runner ({@code phasewise backfill}) and knows nothing of runs and steps, so
 * this package does not depend on {@code dev.phasewise.run}; it is per job and carries what only the engine
 * has (its {@link BackfillState}, the wait reason, workers, the p50, {@link #advanced}). The engine's figures
 * become a run's in one place, {@code RunEvent.BackfillProgress.of}, and both the run events and
 * {@code phasewise backfill --format json} write them through {@code EventJson}, in one vocabulary.
 *
 * @param jobId          the job
 * @param state          where it is
 * @param rowsDone       rows updated so far, all workers, including those of earlier runs of the job
 * @param totalEstimate  rows expected in all (rows matching the filter when the job was created); -1 unknown
 * @param rowsPerSecond  over the last ~10 s of this run
 * @param eta            remaining time at that rate; null when unknown
 * @param batchRows      the current batch size (rows of the key range per batch)
 * @param lastBatchMillis duration of the last batch transaction
 * @param p50Millis      median batch transaction duration in this run
 * @param p99Millis      99th percentile batch transaction duration in this run
 * @param batches        batches committed in this run
 * @param retries        batch attempts retried in this run (lock timeouts, deadlocks, lost connections...)
 * @param waitReason     why it is not running batches right now (guard, paused, back-off); null when it is
 * @param workers        workers (key ranges) still running
 * @param elapsed        since this run started
 * @param sinceCommit    since the last batch of this run committed (before the first one: since the run
 *                       started): how long the batch in flight, with any pause or wait before it, has
 *                       taken so far; null when not known
 */
public record BackfillProgress(String jobId, BackfillState state, long rowsDone, long totalEstimate,
                               double rowsPerSecond, Duration eta, int batchRows, long lastBatchMillis,
                               long p50Millis, long p99Millis, long batches, long retries, String waitReason,
                               int workers, Duration elapsed, Duration sinceCommit) {

    /** A snapshot without {@code sinceCommit}: the dispatcher, which knows when batches commit, adds it. */
    public BackfillProgress(String jobId, BackfillState state, long rowsDone, long totalEstimate,
                            double rowsPerSecond, Duration eta, int batchRows, long lastBatchMillis,
                            long p50Millis, long p99Millis, long batches, long retries, String waitReason,
                            int workers, Duration elapsed) {
        this(jobId, state, rowsDone, totalEstimate, rowsPerSecond, eta, batchRows, lastBatchMillis, p50Millis,
                p99Millis, batches, retries, waitReason, workers, elapsed, null);
    }

    /**
     * This snapshot {@code later} after it was taken, nothing measured since: elapsed grows, and
     * {@code sinceCommit} is the one given. While batches run, the ETA (at the rate last measured) shrinks,
     * never below zero; paused or waiting, no work is done, so it stays.
     */
    public BackfillProgress advanced(Duration later, Duration sinceCommit) {
        Duration left = eta == null || state != BackfillState.RUNNING ? eta
                : eta.minus(later).isNegative() ? Duration.ZERO : eta.minus(later);
        return new BackfillProgress(jobId, state, rowsDone, totalEstimate, rowsPerSecond, left, batchRows,
                lastBatchMillis, p50Millis, p99Millis, batches, retries, waitReason, workers,
                elapsed == null ? null : elapsed.plus(later), sinceCommit);
    }

    /** Fraction done in [0, 1], or -1 when the total is unknown. */
    public double fraction() {
        if (totalEstimate <= 0) {
            return state == BackfillState.DONE ? 1 : -1;
        }
        return Math.min(1.0, (double) rowsDone / totalEstimate);
    }
}
