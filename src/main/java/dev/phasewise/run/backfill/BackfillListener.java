package dev.phasewise.run.backfill;

import java.util.function.Consumer;

/**
 * Receives a backfill's progress and events. Both are called on the executor's own dispatcher thread,
 * never on a worker thread, so a slow listener never slows the batches: progress is coalesced (a
 * listener that falls behind sees the latest snapshot, not every one), events are delivered in
 * order and all of them. The final progress (DONE, CANCELLED or FAILED) is always delivered before
 * {@link BackfillExecutor#execute} returns. A UI adapts them to its own thread.
 */
public interface BackfillListener {
    BackfillListener NONE = p -> { };

    void onProgress(BackfillProgress progress);

    /** Something worth a line in a log: the job started or resumed, a retry, a vacuum, a worker finished. */
    default void onEvent(BackfillEvent event) {
    }

    static BackfillListener of(Consumer<BackfillProgress> progress) {
        return progress::accept;
    }
}
