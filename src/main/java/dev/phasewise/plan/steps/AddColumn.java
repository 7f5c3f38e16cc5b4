package dev.phasewise.plan.steps;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonTypeName;
import dev.phasewise.plan.sql.Action;
import dev.phasewise.plan.sql.Check;
import dev.phasewise.plan.sql.Checks;
import dev.phasewise.plan.sql.Rollback;
import dev.phasewise.plan.sql.Sql;

import java.util.List;

/** Expand: add a nullable column (optionally with a constant default: no rewrite since PostgreSQL 11). */
@JsonTypeName("add-column")
public record AddColumn(String id, String title, String table, String column, String type,
                        @JsonProperty("default") String defaultValue,
        @JsonProperty("lock_timeout") String lockTimeout,
        @JsonProperty("statement_timeout") String statementTimeout)
        implements Step {

    /** Without per-step timeouts (the plan's apply). */
    public AddColumn(String id, String title, String table, String column, String type, String defaultValue) {
        this(id, title, table, column, type, defaultValue, null, null);
    }


    @Override
    public List<Reference> reads() {
        return List.of(Reference.table(table));
    }
    public String id() {
        return Step.or(id, "add-column-" + table + "-" + column);
    }

    public String title() {
        return Step.or(title, "add column " + table + "." + column + " " + type);
    }

    public List<Action> forward() {
        String def = defaultValue == null ? "" : " DEFAULT " + Sql.expression("default", defaultValue);
        return List.of(new Action(id() + "/add", "ALTER TABLE " + Sql.table(table) + " ADD COLUMN IF NOT EXISTS "
                + Sql.id(column) + " " + Sql.expression("type", type) + def, true));
    }

    public Rollback rollback() {
        return Rollback.of(new Action(id() + "/rollback", "ALTER TABLE " + Sql.table(table)
                + " DROP COLUMN IF EXISTS " + Sql.id(column), true));
    }

    public List<Check> verify() {
        return List.of(Checks.columnExists(table, column, true));
    }

    public List<String> problems() {
        return new Require(kind()).present("table", table).present("column", column).present("type", type)
                .expression("type", type).expression("default", defaultValue).done();
    }
}
