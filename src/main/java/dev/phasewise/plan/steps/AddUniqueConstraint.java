package dev.phasewise.plan.steps;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonTypeName;
import dev.phasewise.plan.sql.Action;
import dev.phasewise.plan.sql.Check;
import dev.phasewise.plan.sql.Checks;
import dev.phasewise.plan.sql.Rollback;
import dev.phasewise.plan.sql.Sql;

import java.util.List;

/** A UNIQUE constraint attached to a unique index built CONCURRENTLY: no long lock, no blocking build. */
@JsonTypeName("add-unique-constraint")
public record AddUniqueConstraint(String id, String title, String table, String name, List<String> columns,
        @JsonProperty("lock_timeout") String lockTimeout,
        @JsonProperty("statement_timeout") String statementTimeout)
        implements Step {

    /** Without per-step timeouts (the plan's apply). */
    public AddUniqueConstraint(String id, String title, String table, String name, List<String> columns) {
        this(id, title, table, name, columns, null, null);
    }


    @Override
    public List<Reference> reads() {
        return List.of(Reference.columns(table, columns));
    }
    public String id() {
        return Step.or(id, "add-unique-" + name);
    }

    public String title() {
        return Step.or(title, "add unique constraint " + name + " on " + table + " ("
                + String.join(", ", columns == null ? List.of() : columns) + ")");
    }

    public List<Action> forward() {
        String cols = String.join(", ", columns.stream().map(Sql::id).toList());
        return List.of(
                new Action(id() + "/index", "CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS " + Sql.id(name) + " ON "
                        + Sql.table(table) + " (" + cols + ")", false),
                new Action(id() + "/attach", "ALTER TABLE " + Sql.table(table) + " ADD CONSTRAINT " + Sql.id(name)
                        + " UNIQUE USING INDEX " + Sql.id(name), true));
    }

    public Rollback rollback() {
        return Rollback.of(new Action(id() + "/rollback", "ALTER TABLE " + Sql.table(table)
                + " DROP CONSTRAINT IF EXISTS " + Sql.id(name), true));
    }

    public List<Check> verify() {
        return List.of(Checks.constraint(table, name, true));
    }

    public List<String> problems() {
        return new Require(kind()).present("table", table).present("name", name).present("columns", columns).done();
    }
}
