package dev.phasewise.run;

import java.sql.SQLException;
import java.sql.Statement;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Cancels or pauses a run from another thread (a UI button, a signal handler). Cancel stops the
 * run after the current action; a running ordinary statement is cancelled at once with
 * {@link Statement#cancel()} (its transaction rolls back, and the action is recorded as cancelled and
 * left pending for a resume). A backfill is asked to stop at its next batch boundary. Pause holds
 * the run between actions (and a backfill between batches) until {@link #resume()}. Skip asks the
 * runner not to execute a step that has not started yet: it is recorded as skipped when the run reaches
 * it (a step already running or done is not affected).
 */
public final class RunControl {
    private volatile boolean cancelled;
    private volatile boolean paused;
    private volatile Statement running;
    private final Object pauseLock = new Object();
    private final Set<String> skips = ConcurrentHashMap.newKeySet();

    public void cancel() {
        cancelled = true;
        Statement s = running;
        if (s != null) {
            try {
                s.cancel();
            } catch (SQLException ignored) {
                // the statement finished meanwhile, or the connection is gone: nothing to cancel
            }
        }
        synchronized (pauseLock) {
            pauseLock.notifyAll();
        }
    }

    public boolean cancelled() {
        return cancelled;
    }

    public void pause() {
        paused = true;
    }

    public void resume() {
        paused = false;
        synchronized (pauseLock) {
            pauseLock.notifyAll();
        }
    }

    public boolean paused() {
        return paused;
    }

    /** Blocks while paused (returns at once when cancelled). For the runner and backfill engines. */
    public void awaitUnpaused() throws InterruptedException {
        synchronized (pauseLock) {
            while (paused && !cancelled) {
                pauseLock.wait(500);
            }
        }
    }

    /** The statement that {@link #cancel()} should cancel, or null when none runs. */
    public void running(Statement statement) {
        running = statement;
        if (statement != null && cancelled) {
            try {
                statement.cancel();
            } catch (SQLException ignored) {
                // not started yet: the runner checks cancelled() before executing
            }
        }
    }

    /** Asks the runner to skip the step (by id) when it gets there; may be called before or during a run. */
    public void skip(String stepId) {
        skips.add(stepId);
    }

    /** Withdraws a skip request that the runner has not acted on yet. */
    public void unskip(String stepId) {
        skips.remove(stepId);
    }

    public boolean skipRequested(String stepId) {
        return skips.contains(stepId);
    }
}
