package dev.phasewise.run;

import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Forwards every event to {@code target}, except that {@link RunEvent.BackfillProgress} passes at most
 * {@code perSecond} times a second per step (the latest one wins: a progress event that arrives too soon
 * is held and sent with the next event after the interval, or when a non-progress event comes, so the
 * final figures are never lost). Other kinds are never dropped or reordered. Meant for a UI that must not
 * be flooded by a fast backfill. Synchronized: a backfill's progress arrives on the executor's dispatcher
 * thread while the runner's own events come from the runner's thread.
 */
public final class CoalescingListener implements Consumer<RunEvent> {
    private final Consumer<RunEvent> target;
    private final long intervalNanos;
    private long lastSent = Long.MIN_VALUE;
    private RunEvent.BackfillProgress held;
    private final LongSupplier clock;

    public CoalescingListener(Consumer<RunEvent> target, int perSecond) {
        this(target, perSecond, System::nanoTime);
    }

    CoalescingListener(Consumer<RunEvent> target, int perSecond, LongSupplier clock) {
        if (perSecond < 1) {
            throw new IllegalArgumentException("at least 1 event per second");
        }
        this.target = target;
        this.intervalNanos = 1_000_000_000L / perSecond;
        this.clock = clock;
    }

    @Override
    public synchronized void accept(RunEvent e) {
        if (e instanceof RunEvent.BackfillProgress p) {
            long now = clock.getAsLong();
            boolean last = "done".equals(p.state()) || "cancelled".equals(p.state()) || "failed".equals(p.state());
            if (last || lastSent == Long.MIN_VALUE || now - lastSent >= intervalNanos) {
                held = null;
                lastSent = now;
                target.accept(p);
            } else {
                held = p;
            }
            return;
        }
        flush();
        target.accept(e);
    }

    /** Sends the held progress event, if any. */
    public synchronized void flush() {
        if (held != null) {
            RunEvent.BackfillProgress p = held;
            held = null;
            lastSent = clock.getAsLong();
            target.accept(p);
        }
    }
}
