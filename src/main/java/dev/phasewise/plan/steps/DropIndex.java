package dev.phasewise.plan.steps;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonTypeName;
import dev.phasewise.plan.sql.Action;
import dev.phasewise.plan.sql.Check;
import dev.phasewise.plan.sql.Checks;
import dev.phasewise.plan.sql.Rollback;
import dev.phasewise.plan.sql.Sql;

import java.util.List;

/** Contract: drop an index CONCURRENTLY. Rolling back needs its definition, when given. */
@JsonTypeName("drop-index")
public record DropIndex(String id, String title, String table, String name, String definition,
        @JsonProperty("lock_timeout") String lockTimeout,
        @JsonProperty("statement_timeout") String statementTimeout)
        implements Step {

    /** Without per-step timeouts (the plan's apply). */
    public DropIndex(String id, String title, String table, String name, String definition) {
        this(id, title, table, name, definition, null, null);
    }

    public String id() {
        return Step.or(id, "drop-index-" + name);
    }

    public String title() {
        return Step.or(title, "drop index " + name);
    }

    private String qualified() {
        return table == null ? name : Checks.indexIn(table, name);
    }

    public List<Action> forward() {
        return List.of(new Action(id() + "/drop", "DROP INDEX CONCURRENTLY IF EXISTS " + Sql.table(qualified()), false));
    }

    public Rollback rollback() {
        if (definition == null) {
            return Rollback.irreversible("the plan does not give the index definition; recreate it with a "
                    + "create-index step");
        }
        return Rollback.of(new Action(id() + "/rollback", Sql.expression("definition", definition), false));
    }

    public List<Check> verify() {
        return List.of(Checks.indexGone(qualified()));
    }

    public List<String> problems() {
        return new Require(kind()).present("name", name).expression("definition", definition).done();
    }
}
