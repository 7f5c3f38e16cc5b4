package dev.phasewise.run;

import dev.phasewise.plan.Phase;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * What a run reports while it goes (design §3). Listeners receive these on the runner's own thread,
 * in order, and must return quickly (hand anything slow to another thread; a UI coalesces with
 * {@link CoalescingListener}). A listener that throws stops the runner where it is, as a crash would:
 * the run's state stays as it was, and {@link Runner#resume} picks it up.
 */
public sealed interface RunEvent {
    String runId();

    Instant at();

    /** The kind name used in the event log and in {@code --format json}. */
    default String kind() {
        String n = getClass().getSimpleName();
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < n.length(); i++) {
            char c = n.charAt(i);
            if (Character.isUpperCase(c) && i > 0) {
                b.append('-');
            }
            b.append(Character.toLowerCase(c));
        }
        return b.toString();
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
     * ({@link dev.phasewise.run.backfill.BackfillProgress#advanced}).
     */
    record BackfillProgress(String runId, Instant at, String stepId, long rowsDone, long totalEstimate,
                            double rowsPerSecond, Duration eta, int batchSize, Duration batchLatency,
                            Duration batchP99, int retries, String state, Duration elapsed,
                            Duration sinceCommit) implements RunEvent {

        /** Progress with no clock of its own (a single-statement backfill). */
        public BackfillProgress(String runId, Instant at, String stepId, long rowsDone, long totalEstimate,
                                double rowsPerSecond, Duration eta, int batchSize, Duration batchLatency,
                                Duration batchP99, int retries, String state) {
            this(runId, at, stepId, rowsDone, totalEstimate, rowsPerSecond, eta, batchSize, batchLatency, batchP99,
                    retries, state, null, null);
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
