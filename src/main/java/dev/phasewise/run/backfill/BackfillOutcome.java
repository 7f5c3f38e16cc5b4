package dev.phasewise.run.backfill;

import java.time.Duration;
import java.util.List;

/**
 * How a run of a backfill ended.
 *
 * @param jobId        the job
 * @param state        DONE, CANCELLED or FAILED
 * @param rowsUpdated  rows updated by this run
 * @param rowsTotal    rows updated by the job over all its runs
 * @param batches      batches committed by this run
 * @param retries      batch attempts retried by this run
 * @param duration     wall time of this run
 * @param p50Millis    median batch transaction duration of this run
 * @param p99Millis    99th percentile batch transaction duration of this run
 * @param maxMillis    longest batch transaction of this run
 * @param resumed      whether this run continued a job that had checkpoints already
 * @param resumedFrom  per key range, the checkpoint it continued from ("(start)" when it had none), when resumed
 * @param error        the failure, when FAILED; null otherwise
 */
public record BackfillOutcome(String jobId, BackfillState state, long rowsUpdated, long rowsTotal, long batches,
                              long retries, Duration duration, long p50Millis, long p99Millis, long maxMillis,
                              boolean resumed, List<String> resumedFrom, BackfillException error) {

    public boolean done() {
        return state == BackfillState.DONE;
    }

    public boolean cancelled() {
        return state == BackfillState.CANCELLED;
    }

    public double rowsPerSecond() {
        double s = duration.toNanos() / 1e9;
        return s <= 0 ? 0 : rowsUpdated / s;
    }
}
