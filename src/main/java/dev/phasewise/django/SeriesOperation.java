package dev.phasewise.django;

import java.util.List;

/** One operation of a made-safe Django migration, as data the helper writes out as Python. */
public sealed interface SeriesOperation permits SeriesOperation.RunSql, SeriesOperation.Batches,
        SeriesOperation.OriginalCode {

    /** The plan step it comes from, for the comment above it. */
    String title();

    /**
     * A {@code migrations.RunSQL}: the statements, and their reverse (null when the step cannot be
     * undone: Django then refuses to unapply the migration, with {@code irreversibleBecause} in its comment).
     */
    record RunSql(String title, List<String> sql, List<String> reverse, String irreversibleBecause)
            implements SeriesOperation {
        public RunSql {
            sql = List.copyOf(sql);
            reverse = reverse == null ? null : List.copyOf(reverse);
        }
    }

    /**
     * A {@code migrations.RunPython} that runs a batched step in keyset batches, each batch committed
     * on its own (its migration is not atomic). The SQL is psycopg2's: {@code %(lower)s} and
     * {@code %(upper)s} are the batch's bounds, {@code %(rows)s} the batch size, and every other
     * {@code %} is doubled.
     *
     * @param function   the Python function's name
     * @param firstKey   the least key of the table
     * @param nextKey    the key that starts the batch after the one from {@code lower} (none: the last batch)
     * @param batch      the batch statement over {@code [lower, upper)}, all keys from lower when upper is NULL
     * @param rows       rows per batch
     * @param rerun      what running it again after an interruption does, for its docstring
     */
    record Batches(String title, String function, String firstKey, String nextKey, String batch, int rows, String rerun)
            implements SeriesOperation {
    }

    /**
     * The original migration's own {@code RunPython} operations, carried as they are (with the module's
     * imports and functions), where the database has what they read and write: after the expand
     * phase, before the backfills and the contract. Its migration also moves the model state of the
     * operations before them, which their {@code apps.get_model} needs.
     */
    record OriginalCode(String title) implements SeriesOperation {
    }
}
