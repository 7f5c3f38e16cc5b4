package dev.phasewise.run;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import dev.phasewise.plan.Phase;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * What a run reports while it goes (design §3). Listeners receive these on the runner's own thread,
 * in order, and must return quickly (hand anything slow to another thread; a UI coalesces with
 * {@link CoalescingListener}). A listener that throws stops the runner where it is, as a crash would:
 * the run's state stays as it was, and {@link Runner#resume} picks it up.
 *
 * <p>{@link EventJson} is their one JSON form, written to {@code phasewise.run_events} and read back from it.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "event")
public sealed interface RunEvent {
    String runId();

    Instant at();

    /** The kind name used in the event log and in {@code --format json}: {@link EventJson#kind}. */
    default String kind() {
        return EventJson.kind(getClass());
    }

    /** The step the event is about, or null. */
    default String stepId() {
        return null;
    }

    record RunStarted(String runId, Instant at, String planName, String planFile, String database,
                      boolean resumed, int steps, int actions) implements RunEvent {
    }

    record StepStarted(String runId, Instant at, Phase phase, String stepId, String actionId, String title, String sql,
                       boolean transactional, int attempt) implements RunEvent {
    }

    /** An attempt failed with a transient error; the action runs again after {@code backoff}. */
    record StepRetrying(String runId, Instant at, String stepId, String actionId, int attempt, Duration backoff,
                        String reason) implements RunEvent {

        /** Whether the attempt gave up waiting for a lock (lock_timeout, 55P03), as opposed to a conflict or a lost connection. */
        public boolean lockTimeout() {
            return reason != null && reason.startsWith(SqlFailures.LOCK_TIMEOUT_REASON);
        }
    }

    /** A session that blocks the step's statement, as seen in pg_blocking_pids while it waits. */
    record Blocker(int pid, String user, String application, String state, Duration transactionAge, String query) {
    }

    record StepBlocked(String runId, Instant at, String stepId, String actionId, Duration waited,
                       List<Blocker> blockers) implements RunEvent {
    }

    /** With --cancel-blockers-after: these sessions' running statements were cancelled (pg_cancel_backend). */
    record BlockersCancelled(String runId, Instant at, String stepId, String actionId, List<Blocker> cancelled)
            implements RunEvent {
    }

    /** A failed CREATE INDEX CONCURRENTLY left an invalid index; it was dropped (DROP INDEX CONCURRENTLY). */
    record InvalidIndexCleaned(String runId, Instant at, String stepId, String actionId, String index, String cause)
            implements RunEvent {
    }

    /**
     * The step's verification queries ran. {@code verified} is false only when the step has no
     * verification query ({@code result} then says "no verification query").
     */
    record StepVerified(String runId, Instant at, String stepId, boolean verified, String result)
            implements RunEvent {
    }

    record StepFinished(String runId, Instant at, String stepId, Duration duration, int attempts, boolean verified,
                        boolean skipped) implements RunEvent {
    }

    /** The step was not executed because it was asked to be skipped ({@link RunControl#skip}); recorded as skipped. */
    record StepSkipped(String runId, Instant at, Phase phase, String stepId, String reason) implements RunEvent {
    }

    record StepFailed(String runId, Instant at, String stepId, String actionId, String sql, String sqlState,
                      String message, boolean cancelled) implements RunEvent {
    }

    record GateReached(String runId, Instant at, Phase after, String name, List<String> checklist,
                       List<String> alreadyConfirmed) implements RunEvent {
    }

    record GateConfirmed(String runId, Instant at, Phase after, String item, String confirmedBy) implements RunEvent {
    }

    /**
     * Progress of a backfill, passed through from the backfill engine. {@code totalEstimate},
     * {@code rowsPerSecond} and {@code eta} may be unknown (-1, NaN, null), as may {@code elapsed} (since the
     * backfill started) and {@code sinceCommit} (since its last batch committed: the age of the batch in
     * flight). Between batches the engine repeats its last figures with elapsed, ETA and sinceCommit moved on
     * ({@link dev.phasewise.run.backfill.BackfillProgress#advanced}). {@code rowsPerSecond} is the engine's rate
     * over its last ~10 s; {@code batchP99}, {@code retries} and {@code batches} (batch transactions committed;
     * -1 when the backfill does not count them) are this execution's of the backfill, from its start or its
     * resumption, not the job's since it was first started.
     *
     * <p>Its JSON ({@link EventJson}) is the one vocabulary of backfill progress, which
     * {@code phasewise backfill --format json} writes too ({@link EventJson#progressLine}; docs/backfill.md,
     * "Progress in JSON"): {@code batch_rows} as in plan files, durations in milliseconds under {@code _ms}
     * ({@code eta_ms}, {@code last_batch_ms}). Rows written before that names were unified
     * ({@code batch_size}, {@code batch_latency_ms}) still read.
     *
     * @param batchRows the current batch size in rows
     * @param lastBatch how long the last batch transaction took
     */
    record BackfillProgress(String runId, Instant at, String stepId, long rowsDone, long totalEstimate,
                            double rowsPerSecond, Duration eta, @JsonAlias("batch_size") int batchRows,
                            @JsonAlias("batch_latency_ms") Duration lastBatch,
                            Duration batchP99, int retries, String state, Duration elapsed,
                            Duration sinceCommit, long batches) implements RunEvent {

        /** Progress that does not count its batches ({@code batches} -1: unknown). */
        public BackfillProgress(String runId, Instant at, String stepId, long rowsDone, long totalEstimate,
                                double rowsPerSecond, Duration eta, int batchRows, Duration lastBatch,
                                Duration batchP99, int retries, String state, Duration elapsed,
                                Duration sinceCommit) {
            this(runId, at, stepId, rowsDone, totalEstimate, rowsPerSecond, eta, batchRows, lastBatch, batchP99,
                    retries, state, elapsed, sinceCommit, -1);
        }

        /** Progress with no clock of its own (a single-statement backfill). */
        public BackfillProgress(String runId, Instant at, String stepId, long rowsDone, long totalEstimate,
                                double rowsPerSecond, Duration eta, int batchRows, Duration lastBatch,
                                Duration batchP99, int retries, String state) {
            this(runId, at, stepId, rowsDone, totalEstimate, rowsPerSecond, eta, batchRows, lastBatch, batchP99,
                    retries, state, null, null, -1);
        }

        /** Fraction done in [0, 1]; 0 while the total is unknown (a progress bar stays empty rather than busy). */
        public double fraction() {
            return totalEstimate <= 0 ? 0 : Math.min(1, (double) rowsDone / totalEstimate);
        }

        /**
         * The engine's snapshot of a job as the progress of a run's step: the one place the engine's figures
         * become a run's (the runner's events and the CLI's JSON lines both come through here).
         */
        public static BackfillProgress of(String runId, Instant at, String stepId,
                                          dev.phasewise.run.backfill.BackfillProgress p) {
            return new BackfillProgress(runId, at, stepId, p.rowsDone(), p.totalEstimate(), p.rowsPerSecond(),
                    p.eta(), p.batchRows(), Duration.ofMillis(p.lastBatchMillis()), Duration.ofMillis(p.p99Millis()),
                    (int) Math.min(Integer.MAX_VALUE, p.retries()), p.state().name().toLowerCase(Locale.ROOT), p.elapsed(),
                    p.sinceCommit(), p.batches());
        }
    }

    /**
     * A discrete event of a backfill step, passed through from the backfill engine: a retry, a
     * reconnection, a guard's wait, a vacuum, a pacing move, a resumption.
     *
     * @param note the engine's event kind in lower case ({@code retry}, {@code guard_wait}, {@code pacing}, ...);
     *             not {@code kind}, which names the run event itself ({@code backfill-note})
     */
    record BackfillNote(String runId, Instant at, String stepId, String note, String message) implements RunEvent {
    }

    record RunFinished(String runId, Instant at, RunStatus status, Duration duration, String message)
            implements RunEvent {
    }
}
