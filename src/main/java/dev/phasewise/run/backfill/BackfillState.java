package dev.phasewise.run.backfill;

/** Where a backfill is, as progress reports it. */
public enum BackfillState {
    /** Preparing: validating, creating or reading the checkpoint tables, splitting the key range. */
    STARTING,
    /** Running batches. */
    RUNNING,
    /** Paused by {@link BackfillControl#pause()}; the last batch committed. */
    PAUSED,
    /** Waiting: a guard is exceeded, or a batch is backing off before a retry (see the wait reason). */
    WAITING,
    /** Stopped by {@link BackfillControl#cancel()} after the current batch committed; resumable. */
    CANCELLED,
    /** Stopped by an error that is not retried; resumable once the cause is fixed. */
    FAILED,
    /** Every range done. */
    DONE;

    public boolean finished() {
        return this == CANCELLED || this == FAILED || this == DONE;
    }
}
