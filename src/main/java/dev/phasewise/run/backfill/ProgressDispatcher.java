package dev.phasewise.run.backfill;

import java.time.Duration;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Hands progress and events to the listener on its own thread: workers only store the latest
 * snapshot (or queue an event) and go on; a slow listener skips snapshots instead of slowing batches.
 *
 * <p>A backfill measures once per batch, and batches of a few hundred ms (or one that waits for a lock)
 * would leave a view still for that long. So when no new snapshot came for {@link #REFRESH_NANOS}, the
 * last one is delivered again, {@link BackfillProgress#advanced advanced} to now: the same rows and rates,
 * elapsed and ETA moved on, and {@code sinceCommit} (the age of the batch in flight) growing, which is
 * how a blocked batch shows. The dispatcher fills in {@code sinceCommit} on every snapshot: it sees
 * each snapshot's batch count, and stamps snapshots as workers hand them over, right after a commit.
 */
final class ProgressDispatcher implements AutoCloseable {
    /**
     * At most this long without a delivery while the backfill goes on: 20 a second at least. With 80 ms
     * (12.5 a second) the window showed 9.6 - 10.4 updates a second: its coalescer (at most one per 40 ms)
     * holds a batch's snapshot that comes just after a refresh, and the next refresh replaces it.
     */
    static final long REFRESH_NANOS = 50_000_000L;

    /** A snapshot and when the worker handed it over (System.nanoTime). */
    private record Taken(BackfillProgress progress, long nanos) {
    }

    private final BackfillListener listener;
    private final AtomicReference<Taken> latest = new AtomicReference<>();
    private final ConcurrentLinkedQueue<BackfillEvent> events = new ConcurrentLinkedQueue<>();
    private final Semaphore wake = new Semaphore(0);
    private final Thread thread;
    private volatile boolean closing;

    // the dispatcher thread's own
    private Taken shown;
    private long lastDelivered;
    private long lastCommit;
    private long batchesSeen = -1;

    ProgressDispatcher(String jobId, BackfillListener listener) {
        this.listener = listener;
        this.thread = new Thread(this::loop, "phasewise-backfill-progress " + jobId);
        thread.setDaemon(true);
        thread.start();
    }

    void progress(BackfillProgress p) {
        latest.set(new Taken(p, System.nanoTime()));
        wake.release();
    }

    void event(BackfillEvent e) {
        events.add(e);
        wake.release();
    }

    private void loop() {
        while (true) {
            try {
                wake.tryAcquire(live() ? Math.max(0, lastDelivered + REFRESH_NANOS - System.nanoTime())
                        : TimeUnit.MILLISECONDS.toNanos(200), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                return;
            }
            wake.drainPermits();
            deliver();
            if (closing) {
                deliver();
                return;
            }
        }
    }

    /** A snapshot was shown and the backfill has not finished: its clock is worth refreshing. */
    private boolean live() {
        return shown != null && !shown.progress().state().finished();
    }

    private void deliver() {
        BackfillEvent e;
        while ((e = events.poll()) != null) {
            try {
                listener.onEvent(e);
            } catch (RuntimeException ignored) {
                // a listener's bug must not stop the backfill
            }
        }
        Taken t = latest.getAndSet(null);
        long now = System.nanoTime();
        if (t != null) {
            long batches = t.progress().batches();
            if (batchesSeen < 0) {
                // before the first commit, the batch in flight is as old as the run
                Duration elapsed = t.progress().elapsed();
                lastCommit = batches > 0 || elapsed == null ? t.nanos() : t.nanos() - elapsed.toNanos();
            } else if (batches > batchesSeen) {
                lastCommit = t.nanos();
            }
            batchesSeen = Math.max(batchesSeen, batches);
            shown = t;
        } else if (closing || !live() || now - lastDelivered < REFRESH_NANOS) {
            return;
        }
        lastDelivered = now;
        BackfillProgress p = shown.progress().advanced(Duration.ofNanos(now - shown.nanos()),
                Duration.ofNanos(now - lastCommit));
        try {
            listener.onProgress(p);
        } catch (RuntimeException ignored) {
            // idem
        }
    }

    /** Delivers what is pending (the final progress included) and stops. */
    @Override
    public void close() {
        closing = true;
        wake.release();
        try {
            thread.join(60_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
