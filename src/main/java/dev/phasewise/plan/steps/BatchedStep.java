package dev.phasewise.plan.steps;

/**
 * A step whose one action is a statement run in keyset batches over the key, each batch its own
 * short transaction ({@link Backfill} and {@link BatchedDelete}). The runner hands such a step to its
 * batch engine instead of running the action once; the plan preview, EXPLAIN, the runbook and the
 * window read its batch statement from here. {@link #batchSql()} binds {@code $1} and {@code $2} to
 * the batch's key range (exclusive lower, inclusive upper).
 */
public sealed interface BatchedStep permits Backfill, BatchedDelete {

    /** The step itself: every batched kind is a {@link Step} (the permitted records implement both). */
    default Step asStep() {
        return (Step) this;
    }

    String id();

    String title();

    String table();

    /** The key column as given (null: {@code id}). */
    String key();

    /** The filter: only rows that match it are changed; null for every row. */
    String where();

    /**
     * The SET list of an UPDATE batch; null when the batches DELETE the rows in their range that match
     * {@link #where()} (the batch engine builds the batch statement from this and the filter).
     */
    String set();

    Integer batchRows();

    Integer batchMs();

    Integer sleepMs();

    Double sleepRatio();

    Double maxWriteImpact();

    String keyColumn();

    int rowsPerBatch();

    /** One batch: the rows with key in ($1, $2] that match the filter. */
    String batchSql();

    /**
     * The same statement over another key range, a SQL condition on the key column, for a tool that
     * runs the batches itself (a Django migration's loop binds its own bounds).
     */
    String batchSqlOver(String keyRange);
}
