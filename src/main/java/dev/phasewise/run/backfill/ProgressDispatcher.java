package dev.phasewise.run.backfill;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Hands progress and events to the listener on its own thread: workers only store the latest
 * snapshot (or queue an event) and go on; a slow listener skips snapshots instead of slowing batches.
 */
final class ProgressDispatcher implements AutoCloseable {
    private final BackfillListener listener;
    private final AtomicReference<BackfillProgress> latest = new AtomicReference<>();
    private final ConcurrentLinkedQueue<BackfillEvent> events = new ConcurrentLinkedQueue<>();
    private final Semaphore wake = new Semaphore(0);
    private final Thread thread;
    private volatile boolean closing;

    ProgressDispatcher(String jobId, BackfillListener listener) {
        this.listener = listener;
        this.thread = new Thread(this::loop, "phasewise-backfill-progress " + jobId);
        thread.setDaemon(true);
        thread.start();
    }

    void progress(BackfillProgress p) {
        latest.set(p);
        wake.release();
    }

    void event(BackfillEvent e) {
        events.add(e);
        wake.release();
    }

    private void loop() {
        while (true) {
            try {
                wake.tryAcquire(200, TimeUnit.MILLISECONDS);
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

    private void deliver() {
        BackfillEvent e;
        while ((e = events.poll()) != null) {
            try {
                listener.onEvent(e);
            } catch (RuntimeException ignored) {
                // a listener's bug must not stop the backfill
            }
        }
        BackfillProgress p = latest.getAndSet(null);
        if (p != null) {
            try {
                listener.onProgress(p);
            } catch (RuntimeException ignored) {
                // idem
            }
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
