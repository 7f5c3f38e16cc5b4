package dev.phasewise.plan.steps;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonTypeName;
import dev.phasewise.plan.sql.Action;
import dev.phasewise.plan.sql.Check;
import dev.phasewise.plan.sql.Checks;
import dev.phasewise.plan.sql.Rollback;
import dev.phasewise.plan.sql.Sql;

import java.util.List;

/** Add a CHECK constraint NOT VALID: a brief lock, no scan. Validate it in a later step. */
@JsonTypeName("add-check-constraint")
public record AddCheckConstraint(String id, String title, String table, String name, String expression,
        @JsonProperty("lock_timeout") String lockTimeout,
        @JsonProperty("statement_timeout") String statementTimeout)
        implements Step {

    /** Without per-step timeouts (the plan's apply). */
    public AddCheckConstraint(String id, String title, String table, String name, String expression) {
        this(id, title, table, name, expression, null, null);
    }


    @Override
    public List<Reference> reads() {
        return List.of(Reference.table(table));
    }
    public String id() {
        return Step.or(id, "add-check-" + name);
    }

    public String title() {
        return Step.or(title, "add check " + name + " on " + table + " (NOT VALID)");
    }

    public List<Action> forward() {
        return List.of(new Action(id() + "/add", "ALTER TABLE " + Sql.table(table) + " ADD CONSTRAINT " + Sql.id(name)
                + " CHECK (" + Sql.expression("expression", expression) + ") NOT VALID", true));
    }

    public Rollback rollback() {
        return Rollback.of(new Action(id() + "/rollback", "ALTER TABLE " + Sql.table(table)
                + " DROP CONSTRAINT IF EXISTS " + Sql.id(name), true));
    }

    public List<Check> verify() {
        return List.of(Checks.constraint(table, name, false));
    }

    public List<String> problems() {
        return new Require(kind()).present("table", table).present("name", name).present("expression", expression)
                .expression("expression", expression).done();
    }
}
