package dev.phasewise.plan.steps;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonTypeName;
import dev.phasewise.plan.sql.Action;
import dev.phasewise.plan.sql.Check;
import dev.phasewise.plan.sql.Rollback;
import dev.phasewise.plan.sql.Sql;

import java.util.Collections;
import java.util.List;

/**
 * Batched delete: the rows that match {@code where} deleted in keyset batches over the key, each
 * batch its own short transaction, run by the same checkpointed engine as a {@link Backfill}. One
 * DELETE of many rows holds the row lock of every row it deletes until it commits and leaves them
 * all dead at once; a batch holds a few thousand for a moment. Without {@code where} it deletes
 * every row, and its title says so. Deleting rows of a batch does not move later ranges: each batch
 * bounds its range by the key values that are still there.
 */
@JsonTypeName("batched-delete")
public record BatchedDelete(String id, String title, String table, String key, String where,
                            Integer batchRows, Integer batchMs, Integer sleepMs, Double sleepRatio,
                            Double maxWriteImpact,
        @JsonProperty("lock_timeout") String lockTimeout,
        @JsonProperty("statement_timeout") String statementTimeout)
        implements Step, BatchedStep {

    /** Without pacing by duty cycle or write impact, nor per-step timeouts. */
    public BatchedDelete(String id, String title, String table, String key, String where, Integer batchRows,
            Integer batchMs, Integer sleepMs) {
        this(id, title, table, key, where, batchRows, batchMs, sleepMs, null, null, null, null);
    }

    @Override
    public List<Reference> reads() {
        return List.of(Reference.columns(table, Collections.singletonList(keyColumn())));
    }

    public String id() {
        return Step.or(id, "batched-delete-" + table);
    }

    public String keyColumn() {
        return Step.or(key, "id");
    }

    public String title() {
        return Step.or(title, "delete " + (where == null ? "every row of " + table : "from " + table + " where " + where)
                + " in batches");
    }

    /** A delete has no SET: the engine's batches DELETE. */
    @Override
    public String set() {
        return null;
    }

    public int rowsPerBatch() {
        return batchRows == null ? Backfill.DEFAULT_BATCH_ROWS : batchRows;
    }

    public String batchSql() {
        String k = Sql.id(keyColumn());
        return batchSqlOver(k + " > $1 AND " + k + " <= $2");
    }

    public String batchSqlOver(String keyRange) {
        return "DELETE FROM " + Sql.table(table) + " WHERE " + keyRange
                + (where == null ? "" : " AND (" + Sql.expression("where", where) + ")");
    }

    public List<Action> forward() {
        return List.of(new Action(id() + "/batches", batchSql(), true));
    }

    public Rollback rollback() {
        return Rollback.irreversible("the deleted rows are gone: restore them from a backup");
    }

    public List<Check> verify() {
        return List.of(new Check(where == null ? "no row of " + table + " is left"
                : "no row of " + table + " still matches the delete's filter",
                "SELECT NOT EXISTS (SELECT 1 FROM " + Sql.table(table)
                        + (where == null ? "" : " WHERE " + Sql.expression("where", where)) + ")"));
    }

    public List<String> problems() {
        return new Require(kind()).present("table", table).expression("where", where)
                .check(batchRows == null || batchRows > 0, "'batch_rows' must be positive")
                .check(batchMs == null || batchMs > 0, "'batch_ms' must be positive")
                .check(sleepMs == null || sleepMs >= 0, "'sleep_ms' must not be negative")
                .check(sleepRatio == null || sleepRatio >= 0 && sleepRatio <= 100,
                        "'sleep_ratio' must be between 0 and 100")
                .check(maxWriteImpact == null || maxWriteImpact > 1 && maxWriteImpact <= 100,
                        "'max_write_impact' must be more than 1 and at most 100").done();
    }
}
