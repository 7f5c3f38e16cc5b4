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
 * Contract half of a type change: in one short transaction, drop the sync trigger and exchange
 * the names (column becomes column_old, the shadow takes its name). The old column stays for a
 * drop-column step once nothing needs it. {@code default}: the column's default, given to the
 * swapped-in column in the same transaction (the shadow cannot carry it earlier: the sync trigger
 * fills only a shadow left NULL, and a default would stop it), so that no insert sees the column
 * without its default.
 */
@JsonTypeName("swap-column")
public record SwapColumn(String id, String title, String table, String column, String shadow, String old,
        @JsonProperty("default") String defaultValue,
        @JsonProperty("lock_timeout") String lockTimeout,
        @JsonProperty("statement_timeout") String statementTimeout)
        implements Step {

    /** Without per-step timeouts (the plan's apply). */
    public SwapColumn(String id, String title, String table, String column, String shadow, String old) {
        this(id, title, table, column, shadow, old, null, null, null);
    }

    /** With the default the swapped-in column takes, without per-step timeouts. */
    public SwapColumn(String id, String title, String table, String column, String shadow, String old,
            String defaultValue) {
        this(id, title, table, column, shadow, old, defaultValue, null, null);
    }


    @Override
    public List<Reference> reads() {
        return List.of(Reference.columns(table, Collections.singletonList(column)));
    }
    public String id() {
        return Step.or(id, "swap-" + table + "-" + column);
    }

    private String shadowColumn() {
        return Step.or(shadow, column + "_new");
    }

    private String oldColumn() {
        return Step.or(old, column + "_old");
    }

    public String title() {
        return Step.or(title, "swap " + table + "." + shadowColumn() + " in for " + column);
    }

    public List<Action> forward() {
        String t = Sql.table(table);
        String sql = SyncTrigger.dropTrigger(table, column, shadowColumn()) + ";\n"
                + "ALTER TABLE " + t + " RENAME COLUMN " + Sql.id(column) + " TO " + Sql.id(oldColumn()) + ";\n"
                + "ALTER TABLE " + t + " RENAME COLUMN " + Sql.id(shadowColumn()) + " TO " + Sql.id(column) + ";\n"
                + (defaultValue == null ? "" : "ALTER TABLE " + t + " ALTER COLUMN " + Sql.id(column) + " SET DEFAULT "
                        + Sql.expression("default", defaultValue) + ";\n")
                + SyncTrigger.dropFunction(table, column, shadowColumn());
        return List.of(new Action(id() + "/swap", sql, true));
    }

    public Rollback rollback() {
        String t = Sql.table(table);
        return Rollback.of(new Action(id() + "/rollback", (defaultValue == null ? "" : "ALTER TABLE " + t
                + " ALTER COLUMN " + Sql.id(column) + " DROP DEFAULT;\n") + "ALTER TABLE " + t + " RENAME COLUMN " + Sql.id(column)
                + " TO " + Sql.id(shadowColumn()) + ";\nALTER TABLE " + t + " RENAME COLUMN " + Sql.id(oldColumn())
                + " TO " + Sql.id(column), true));
    }

    public List<Check> verify() {
        return List.of(Checks.columnExists(table, oldColumn(), true), Checks.columnExists(table, shadowColumn(), false));
    }

    public List<String> problems() {
        return new Require(kind()).present("table", table).present("column", column)
                .expression("default", defaultValue).done();
    }
}
