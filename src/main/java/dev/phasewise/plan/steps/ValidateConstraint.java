package dev.phasewise.plan.steps;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonTypeName;
import dev.phasewise.plan.sql.Action;
import dev.phasewise.plan.sql.Check;
import dev.phasewise.plan.sql.Checks;
import dev.phasewise.plan.sql.Rollback;
import dev.phasewise.plan.sql.Sql;

import java.util.List;

/** Validate a NOT VALID constraint: a full scan, but under SHARE UPDATE EXCLUSIVE (reads and writes go on). */
@JsonTypeName("validate-constraint")
public record ValidateConstraint(String id, String title, String table, String name,
        @JsonProperty("lock_timeout") String lockTimeout,
        @JsonProperty("statement_timeout") String statementTimeout)
        implements Step {

    /** Without per-step timeouts (the plan's apply). */
    public ValidateConstraint(String id, String title, String table, String name) {
        this(id, title, table, name, null, null);
    }


    @Override
    public List<Reference> reads() {
        return List.of(Reference.table(table));
    }
    public String id() {
        return Step.or(id, "validate-" + name);
    }

    public String title() {
        return Step.or(title, "validate constraint " + name + " on " + table);
    }

    public List<Action> forward() {
        return List.of(new Action(id() + "/validate", "ALTER TABLE " + Sql.table(table) + " VALIDATE CONSTRAINT "
                + Sql.id(name), true));
    }

    public Rollback rollback() {
        return Rollback.irreversible("validation changes no data; nothing to undo (drop the constraint with the "
                + "rollback of the step that added it)");
    }

    public List<Check> verify() {
        return List.of(Checks.constraint(table, name, true));
    }

    public List<String> problems() {
        return new Require(kind()).present("table", table).present("name", name).done();
    }
}
