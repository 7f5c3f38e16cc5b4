package dev.phasewise.plan.steps;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonTypeName;
import dev.phasewise.plan.sql.Action;
import dev.phasewise.plan.sql.Check;
import dev.phasewise.plan.sql.Checks;
import dev.phasewise.plan.sql.Rollback;
import dev.phasewise.plan.sql.Sql;

import java.util.List;

/** CREATE EXTENSION IF NOT EXISTS (needs the privilege to create it; usually run by a DBA). */
@JsonTypeName("create-extension")
public record CreateExtension(String id, String title, String name, String schema,
        @JsonProperty("lock_timeout") String lockTimeout,
        @JsonProperty("statement_timeout") String statementTimeout)
        implements Step {

    /** Without per-step timeouts (the plan's apply). */
    public CreateExtension(String id, String title, String name, String schema) {
        this(id, title, name, schema, null, null);
    }

    public String id() {
        return Step.or(id, "create-extension-" + name);
    }

    public String title() {
        return Step.or(title, "create extension " + name);
    }

    public List<Action> forward() {
        return List.of(new Action(id() + "/create", "CREATE EXTENSION IF NOT EXISTS " + Sql.id(name)
                + (schema == null ? "" : " SCHEMA " + Sql.id(schema)), true));
    }

    public Rollback rollback() {
        return Rollback.of(new Action(id() + "/rollback", "DROP EXTENSION IF EXISTS " + Sql.id(name)
                + " RESTRICT", true));
    }

    public List<Check> verify() {
        return List.of(Checks.extension(name));
    }

    public List<String> problems() {
        return new Require(kind()).present("name", name).done();
    }
}
