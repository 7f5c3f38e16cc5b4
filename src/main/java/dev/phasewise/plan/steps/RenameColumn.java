package dev.phasewise.plan.steps;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonTypeName;
import dev.phasewise.plan.sql.Action;
import dev.phasewise.plan.sql.Check;
import dev.phasewise.plan.sql.Checks;
import dev.phasewise.plan.sql.Rollback;
import dev.phasewise.plan.sql.Sql;

import java.util.Collections;
import java.util.List;

/**
 * Expand half of a column rename: add the new column and a trigger that keeps both columns in
 * step, so that code using either name works. A backfill copies the existing rows; the contract
 * phase drops the trigger (drop-trigger) and the old column (drop-column).
 */
@JsonTypeName("rename-column")
public record RenameColumn(String id, String title, String table, String from, String to, String type,
        @JsonProperty("lock_timeout") String lockTimeout,
        @JsonProperty("statement_timeout") String statementTimeout)
        implements Step {

    /** Without per-step timeouts (the plan's apply). */
    public RenameColumn(String id, String title, String table, String from, String to, String type) {
        this(id, title, table, from, to, type, null, null);
    }


    @Override
    public List<Reference> reads() {
        return List.of(Reference.columns(table, Collections.singletonList(from)));
    }
    public String id() {
        return Step.or(id, "rename-" + table + "-" + from + "-" + to);
    }

    public String title() {
        return Step.or(title, "rename " + table + "." + from + " to " + to + " (new column kept in sync)");
    }

    public List<Action> forward() {
        String t = Sql.table(table);
        return List.of(
                new Action(id() + "/add", "ALTER TABLE " + t + " ADD COLUMN IF NOT EXISTS " + Sql.id(to) + " "
                        + Sql.expression("type", type), true),
                new Action(id() + "/function", SyncTrigger.createFunction(table, from, to, "NEW." + Sql.id(from),
                        "NEW." + Sql.id(to)), true),
                new Action(id() + "/trigger", SyncTrigger.createTrigger(table, from, to), true));
    }

    public Rollback rollback() {
        return Rollback.of(
                new Action(id() + "/rollback-trigger", SyncTrigger.dropTrigger(table, from, to), true),
                new Action(id() + "/rollback-function", SyncTrigger.dropFunction(table, from, to), true),
                new Action(id() + "/rollback-column", "ALTER TABLE " + Sql.table(table) + " DROP COLUMN IF EXISTS "
                        + Sql.id(to), true));
    }

    public List<Check> verify() {
        return List.of(Checks.columnExists(table, to, true),
                Checks.triggerExists(table, SyncTrigger.triggerName(table, from, to), true));
    }

    public List<String> problems() {
        return new Require(kind()).present("table", table).present("from", from).present("to", to)
                .present("type", type).expression("type", type).done();
    }
}
