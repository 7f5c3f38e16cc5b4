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
 * Expand half of a type change without a rewrite under lock: a shadow column of the new type,
 * filled by a trigger from every write of the old one. A backfill fills the existing rows;
 * swap-column then exchanges the names in one short transaction.
 */
@JsonTypeName("change-column-type")
public record ChangeColumnType(String id, String title, String table, String column, String type, String using,
                               String shadow,
        @JsonProperty("lock_timeout") String lockTimeout,
        @JsonProperty("statement_timeout") String statementTimeout)
        implements Step {

    /** Without per-step timeouts (the plan's apply). */
    public ChangeColumnType(String id, String title, String table, String column, String type, String using,
            String shadow) {
        this(id, title, table, column, type, using, shadow, null, null);
    }


    @Override
    public List<Reference> reads() {
        return List.of(Reference.columns(table, Collections.singletonList(column)));
    }
    public String id() {
        return Step.or(id, "change-type-" + table + "-" + column);
    }

    public String shadowColumn() {
        return Step.or(shadow, column + "_new");
    }

    public String title() {
        return Step.or(title, "change " + table + "." + column + " to " + type + " (shadow column "
                + shadowColumn() + ")");
    }

    private String conversion() {
        return using == null ? "NEW." + Sql.id(column) + "::" + Sql.expression("type", type)
                : "(" + Sql.expression("using", using).replace("$column", "NEW." + Sql.id(column)) + ")";
    }

    public List<Action> forward() {
        String t = Sql.table(table);
        return List.of(
                new Action(id() + "/add", "ALTER TABLE " + t + " ADD COLUMN IF NOT EXISTS " + Sql.id(shadowColumn())
                        + " " + Sql.expression("type", type), true),
                new Action(id() + "/function", SyncTrigger.createFunction(table, column, shadowColumn(), conversion(),
                        null), true),
                new Action(id() + "/trigger", SyncTrigger.createTrigger(table, column, shadowColumn()), true));
    }

    public Rollback rollback() {
        return Rollback.of(
                new Action(id() + "/rollback-trigger", SyncTrigger.dropTrigger(table, column, shadowColumn()), true),
                new Action(id() + "/rollback-function", SyncTrigger.dropFunction(table, column, shadowColumn()), true),
                new Action(id() + "/rollback-column", "ALTER TABLE " + Sql.table(table) + " DROP COLUMN IF EXISTS "
                        + Sql.id(shadowColumn()), true));
    }

    public List<Check> verify() {
        return List.of(Checks.columnExists(table, shadowColumn(), true),
                Checks.triggerExists(table, SyncTrigger.triggerName(table, column, shadowColumn()), true));
    }

    public List<String> problems() {
        return new Require(kind()).present("table", table).present("column", column).present("type", type)
                .expression("type", type).expression("using", using).done();
    }
}
