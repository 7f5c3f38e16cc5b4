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
 * Backfill: rows changed in keyset batches over the key, each batch its own short transaction.
 * The action's SQL is the batch statement; {@code $1} and {@code $2} are the batch's key range
 * (exclusive lower, inclusive upper), bound by the runner as parameters. {@code sleepRatio} paces it
 * by duty cycle: after each batch, sleep that many times the batch's own duration (with
 * {@code sleepMs} as the least sleep), which is what keeps a concurrent writer's tail latency near idle.
 * {@code maxWriteImpact} paces it by measurement instead: the writes' p99 may grow to at most that many
 * times its value before the backfill (see docs/backfill.md).
 */
@JsonTypeName("backfill")
public record Backfill(String id, String title, String table, String key, String set, String where,
                       Integer batchRows, Integer batchMs, Integer sleepMs, Double sleepRatio,
                       Double maxWriteImpact,
        @JsonProperty("lock_timeout") String lockTimeout,
        @JsonProperty("statement_timeout") String statementTimeout)
        implements Step, BatchedStep {

    /** Without pacing by write impact. */
    public Backfill(String id, String title, String table, String key, String set, String where,
            Integer batchRows, Integer batchMs, Integer sleepMs, Double sleepRatio, String lockTimeout,
            String statementTimeout) {
        this(id, title, table, key, set, where, batchRows, batchMs, sleepMs, sleepRatio, null, lockTimeout,
                statementTimeout);
    }

    /** Without duty-cycle pacing and per-step timeouts (the plan's apply). */
    public Backfill(String id, String title, String table, String key, String set, String where,
            Integer batchRows, Integer batchMs, Integer sleepMs) {
        this(id, title, table, key, set, where, batchRows, batchMs, sleepMs, null, null, null, null);
    }

    public static final int DEFAULT_BATCH_ROWS = 5000;


    @Override
    public List<Reference> reads() {
        return List.of(Reference.columns(table, Collections.singletonList(keyColumn())));
    }
    public String id() {
        return Step.or(id, "backfill-" + table);
    }

    public String keyColumn() {
        return Step.or(key, "id");
    }

    public String title() {
        return Step.or(title, "backfill " + table + " set " + set + (where == null ? "" : " where " + where));
    }

    public int rowsPerBatch() {
        return batchRows == null ? DEFAULT_BATCH_ROWS : batchRows;
    }

    /** One batch: the rows with key in ($1, $2] that still need it. */
    public String batchSql() {
        String k = Sql.id(keyColumn());
        return batchSqlOver(k + " > $1 AND " + k + " <= $2");
    }

    public String batchSqlOver(String keyRange) {
        return "UPDATE " + Sql.table(table) + " SET " + Sql.expression("set", set) + " WHERE " + keyRange
                + (where == null ? "" : " AND (" + Sql.expression("where", where) + ")");
    }

    public List<Action> forward() {
        return List.of(new Action(id() + "/batches", batchSql(), true));
    }

    public Rollback rollback() {
        return Rollback.irreversible("a backfill overwrites values it does not keep; the expand step's rollback "
                + "(dropping the new column) undoes it");
    }

    public List<Check> verify() {
        if (where == null) {
            return List.of();
        }
        return List.of(new Check("no row of " + table + " still matches the backfill's filter",
                "SELECT NOT EXISTS (SELECT 1 FROM " + Sql.table(table) + " WHERE " + Sql.expression("where", where)
                        + ")"));
    }

    public List<String> problems() {
        return new Require(kind()).present("table", table).present("set", set).expression("set", set)
                .expression("where", where)
                .check(batchRows == null || batchRows > 0, "'batch_rows' must be positive")
                .check(batchMs == null || batchMs > 0, "'batch_ms' must be positive")
                .check(sleepMs == null || sleepMs >= 0, "'sleep_ms' must not be negative")
                .check(sleepRatio == null || sleepRatio >= 0 && sleepRatio <= 100,
                        "'sleep_ratio' must be between 0 and 100")
                .check(maxWriteImpact == null || maxWriteImpact > 1 && maxWriteImpact <= 100,
                        "'max_write_impact' must be more than 1 and at most 100").done();
    }
}
