package dev.phasewise.run;

import dev.phasewise.db.Database;
import dev.phasewise.db.DatabaseException;
import dev.phasewise.plan.Phase;
import dev.phasewise.plan.sql.Action;
import dev.phasewise.plan.steps.BatchedStep;
import dev.phasewise.plan.steps.Step;
import dev.phasewise.run.retry.SqlFailureClass;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Random;
import java.util.function.Consumer;

/**
 * The attempts of one action, until it is done or the run stops: each attempt recorded in the run store
 * and announced (StepStarted), executed with the step's lock_timeout and statement_timeout
 * ({@link WatchedStatement}; a backfill step through its {@link BackfillRunner}); a transient failure
 * (lock_timeout, deadlock or serialization failure, lost connection: {@link SqlFailureClass}) retried after a
 * back-off up to {@link RunOptions#maxAttempts()} tries, any other failure, a give-up or a cancel ending the
 * run ({@link RunStop}). A failed {@code CREATE INDEX CONCURRENTLY} leaves an invalid index that the next
 * attempt would collide with: it is dropped first ({@link InvalidIndexes}). Which action runs when, and the
 * step's verification, are the {@link Runner}'s business.
 */
final class ActionAttempts {
    private final Database db;
    private final RunStore store;
    private final RunOptions options;
    private final Random random;
    private final BackfillRunner backfill;
    private final Consumer<RunEvent> emit;

    /**
     * @param random the runner's, for the back-off's jitter
     * @param emit   the runner's event sink (the run's event log and its listener)
     */
    ActionAttempts(Database db, RunStore store, RunOptions options, Random random, BackfillRunner backfill,
                   Consumer<RunEvent> emit) {
        this.db = db;
        this.store = store;
        this.options = options;
        this.random = random;
        this.backfill = backfill;
        this.emit = emit;
    }

    /**
     * Runs {@code action} of {@code step} (its run-store row: {@code row}) until it is done; its attempts count on
     * from the row's, so a resumed action's are not counted from one again.
     *
     * @throws RunStop when the action failed for good, or the run was cancelled meanwhile
     */
    void run(Execution x, Phase phase, Step step, Action action, ActionRecord row) throws RunStop {
        if (step instanceof BatchedStep b) {
            runBackfill(x, phase, b, row);
        } else {
            runStatement(x, phase, step, action, row);
        }
    }

    /** The failures that running the statement again can cure; the runner stops on a statement_timeout. */
    private static boolean transientFailure(SqlFailureClass kind) {
        return kind == SqlFailureClass.LOCK_TIMEOUT || kind == SqlFailureClass.CONFLICT
                || kind == SqlFailureClass.CONNECTION;
    }

    private void runStatement(Execution x, Phase phase, Step step, Action action, ActionRecord row) throws RunStop {
        int attempt = row.attempts();
        int tries = 0;
        String index = InvalidIndexes.concurrentIndex(action);
        while (true) {
            RunStop.checkCancelAndPause(x.control);
            attempt++;
            tries++;
            Connection work;
            try {
                work = x.work();
            } catch (DatabaseException e) {
                fail(x, step, action, row, null, "cannot reconnect within " + options.reconnectPatience().toSeconds()
                        + " s: " + e.getMessage());
                return;
            }
            if (index != null) {
                cleanInvalidIndex(x, step, action, index, "left by an earlier attempt");
            }
            store.actionRunning(x.runId, row.seq(), attempt);
            emit.accept(new RunEvent.StepStarted(x.runId, Instant.now(), phase, step.id(), action.id(), step.title(),
                    action.sql(), action.transactional(), attempt));
            long t0 = System.nanoTime();
            SQLException failure;
            try {
                failure = new WatchedStatement(x, options.cancelBlockersAfter(), emit).run(step, action, work, row.seq(),
                        t0);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                x.control.cancel();
                throw new RunStop(RunStatus.CANCELLED, "interrupted");
            }
            if (failure == null) {
                if (!action.transactional()) {
                    // a transactional action committed its "done" row with its statement (WatchedStatement)
                    store.actionDone(x.runId, row.seq(), (System.nanoTime() - t0) / 1_000_000);
                }
                return;
            }
            SqlFailureClass kind = SqlFailures.classify(failure);
            if (kind == SqlFailureClass.CONNECTION) {
                x.dropWork();
            }
            if (index != null) {
                cleanInvalidIndex(x, step, action, index, SqlFailures.message(failure));
            }
            if (kind == SqlFailureClass.CANCELED && x.control.cancelled()) {
                store.actionEnded(x.runId, row.seq(), StepStatus.PENDING, "cancelled by request");
                emit.accept(new RunEvent.StepFailed(x.runId, Instant.now(), step.id(), action.id(), action.sql(),
                        failure.getSQLState(), "cancelled by request", true));
                throw new RunStop(RunStatus.CANCELLED, "cancelled during " + step.id() + " (" + action.id() + ")");
            }
            boolean retryable = transientFailure(kind);
            if (retryable && tries < options.maxAttempts()) {
                Duration backoff = options.backoff(tries, random);
                String reason = SqlFailures.reason(kind, failure);
                store.actionEnded(x.runId, row.seq(), StepStatus.PENDING, "attempt " + attempt + ": " + reason);
                emit.accept(new RunEvent.StepRetrying(x.runId, Instant.now(), step.id(), action.id(), attempt, backoff,
                        reason));
                sleepUnlessCancelled(x, backoff);
                continue;
            }
            String why = retryable ? "gave up after " + tries + " attempts: " + SqlFailures.reason(kind, failure)
                    : SqlFailures.message(failure);
            fail(x, step, action, row, failure.getSQLState(), why);
        }
    }

    /**
     * A backfill step's one action: the engine runs its batches, retrying each itself; what comes back failed
     * is retried here as a whole like a statement (the engine resumes from its checkpoint).
     */
    private void runBackfill(Execution x, Phase phase, BatchedStep step, ActionRecord row) throws RunStop {
        int attempt = row.attempts();
        int tries = 0;
        Action action = step.asStep().forward().get(0);
        while (true) {
            RunStop.checkCancelAndPause(x.control);
            attempt++;
            tries++;
            store.actionRunning(x.runId, row.seq(), attempt);
            emit.accept(new RunEvent.StepStarted(x.runId, Instant.now(), phase, step.id(), action.id(), step.title(),
                    action.sql(), true, attempt));
            long t0 = System.nanoTime();
            StepOutcome out = backfill.run(new RunContext(db, x.runId, x.plan, x.control, options), step, emit);
            switch (out.status()) {
                case DONE -> {
                    store.actionDone(x.runId, row.seq(), (System.nanoTime() - t0) / 1_000_000);
                    return;
                }
                case CANCELLED -> {
                    store.actionEnded(x.runId, row.seq(), StepStatus.PENDING, "cancelled by request");
                    emit.accept(new RunEvent.StepFailed(x.runId, Instant.now(), step.id(), action.id(), action.sql(),
                            null, "cancelled by request", true));
                    throw new RunStop(RunStatus.CANCELLED, "cancelled during " + step.id());
                }
                default -> {
                    SQLException probe = new SQLException(out.message(), out.sqlState());
                    SqlFailureClass kind = SqlFailures.classify(probe);
                    if (transientFailure(kind) && tries < options.maxAttempts()) {
                        Duration backoff = options.backoff(tries, random);
                        store.actionEnded(x.runId, row.seq(), StepStatus.PENDING, out.message());
                        emit.accept(new RunEvent.StepRetrying(x.runId, Instant.now(), step.id(), action.id(), attempt,
                                backoff, SqlFailures.reason(kind, probe)));
                        sleepUnlessCancelled(x, backoff);
                        continue;
                    }
                    fail(x, step.asStep(), action, row, out.sqlState(), out.message());
                }
            }
        }
    }

    private void fail(Execution x, Step step, Action action, ActionRecord row, String state, String why)
            throws RunStop {
        store.actionEnded(x.runId, row.seq(), StepStatus.FAILED, why);
        emit.accept(new RunEvent.StepFailed(x.runId, Instant.now(), step.id(), action.id(), action.sql(), state, why,
                false));
        throw new RunStop(RunStatus.FAILED, "step " + step.id() + " failed at " + action.id() + ": " + why
                + "\n  SQL: " + action.sql().strip().replace("\n", "\n       "));
    }

    /** The back-off, cut short by a cancel (checked every 100 ms), not by a pause: a pause waits before the next attempt. */
    private void sleepUnlessCancelled(Execution x, Duration d) throws RunStop {
        long end = System.nanoTime() + d.toNanos();
        while (System.nanoTime() < end) {
            if (x.control.cancelled()) {
                throw new RunStop(RunStatus.CANCELLED, "cancelled while waiting to retry");
            }
            RunStore.sleep(Math.min(100, Math.max(1, (end - System.nanoTime()) / 1_000_000)));
        }
    }

    /** Drops the index if it exists and is invalid (a failed concurrent build); reports it. */
    private void cleanInvalidIndex(Execution x, Step step, Action action, String index, String cause) throws RunStop {
        for (int i = 1; ; i++) {
            try {
                if (!InvalidIndexes.dropIfInvalid(x.work(), index, x.plan.lockTimeoutFor(step))) {
                    return;
                }
                emit.accept(new RunEvent.InvalidIndexCleaned(x.runId, Instant.now(), step.id(), action.id(), index,
                        cause));
                return;
            } catch (SQLException e) {
                if (SqlFailures.classify(e) == SqlFailureClass.CONNECTION) {
                    x.dropWork();
                }
                if (i >= options.maxAttempts()) {
                    throw new RunStop(RunStatus.FAILED, "the invalid index " + index + " left by step " + step.id()
                            + " could not be dropped: " + SqlFailures.message(e) + "; drop it by hand: DROP INDEX "
                            + "CONCURRENTLY " + index);
                }
                RunStore.sleep(options.backoff(i, random).toMillis());
            }
        }
    }
}
