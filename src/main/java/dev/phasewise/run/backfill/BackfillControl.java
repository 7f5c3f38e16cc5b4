package dev.phasewise.run.backfill;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Steers a running backfill from any thread (a UI button, a signal handler, a test), like gh-ost's
 * interactive commands. Pausing and cancelling take effect between batches: the batch in flight
 * always commits (or rolls back) first, so its checkpoint is exact. Retuning takes effect from the
 * next batch. One control steers one {@link BackfillExecutor#execute} call.
 */
public final class BackfillControl {
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private volatile boolean paused;
    private volatile boolean cancelled;
    private volatile Integer batchRows;
    private volatile Integer batchMs;
    private volatile Integer sleepMs;
    private volatile Double sleepRatio;
    private volatile BackfillGuards guards;
    /** Bumped on every retune of the batch size, so that workers reset their adaptive size. */
    private volatile int sizeGeneration;

    public void pause() {
        paused = true;
        signal();
    }

    public void resume() {
        paused = false;
        signal();
    }

    /** Stops after the current batch commits; the job stays resumable. */
    public void cancel() {
        cancelled = true;
        signal();
    }

    public boolean isPaused() {
        return paused;
    }

    public boolean isCancelled() {
        return cancelled;
    }

    /** A fixed batch size from the next batch on (replaces a target duration). */
    public void setBatchRows(int rows) {
        if (rows <= 0) {
            throw new IllegalArgumentException("the batch size must be positive");
        }
        batchMs = null;
        batchRows = rows;
        sizeGeneration++;
        signal();
    }

    /** An adaptive batch size aiming at this duration from the next batch on (replaces a fixed size). */
    public void setBatchMs(int ms) {
        if (ms <= 0) {
            throw new IllegalArgumentException("the target batch duration must be positive");
        }
        batchRows = null;
        batchMs = ms;
        sizeGeneration++;
        signal();
    }

    public void setSleepMs(int ms) {
        if (ms < 0) {
            throw new IllegalArgumentException("the sleep between batches must not be negative");
        }
        sleepMs = ms;
        signal();
    }

    /** Duty-cycle pacing from the next batch on; see {@link BackfillJob#sleepRatio()}. */
    public void setSleepRatio(double ratio) {
        if (ratio < 0 || ratio > 100) {
            throw new IllegalArgumentException("the sleep ratio must be between 0 and 100");
        }
        sleepRatio = ratio;
        signal();
    }

    public void setGuards(BackfillGuards g) {
        guards = g;
        signal();
    }

    // ---- read by the executor ----

    Integer batchRowsOverride() {
        return batchRows;
    }

    Integer batchMsOverride() {
        return batchMs;
    }

    int sleepMs(BackfillJob job) {
        Integer s = sleepMs;
        return s != null ? s : job.sleepMs();
    }

    double sleepRatio(BackfillJob job) {
        Double r = sleepRatio;
        return r != null ? r : job.sleepRatio();
    }

    BackfillGuards guards(BackfillJob job) {
        BackfillGuards g = guards;
        return g != null ? g : job.guards();
    }

    int sizeGeneration() {
        return sizeGeneration;
    }

    private void signal() {
        lock.lock();
        try {
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Sleeps up to {@code d}, returning early on any change (cancel, resume, retune). */
    void await(Duration d) {
        long nanos = d.toNanos();
        if (nanos <= 0) {
            return;
        }
        lock.lock();
        try {
            if (!cancelled) {
                changed.await(nanos, TimeUnit.NANOSECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            cancelled = true;
        } finally {
            lock.unlock();
        }
    }

    /** Sleeps the whole of {@code d} unless cancelled (retunes do not cut a back-off short). */
    void sleepUnlessCancelled(Duration d) {
        long end = System.nanoTime() + d.toNanos();
        long left;
        while (!cancelled && (left = end - System.nanoTime()) > 0) {
            await(Duration.ofNanos(left));
        }
    }
}
