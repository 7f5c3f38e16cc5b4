package dev.phasewise.plan.steps;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonTypeName;
import dev.phasewise.plan.sql.Action;
import dev.phasewise.plan.sql.Check;
import dev.phasewise.plan.sql.Checks;
import dev.phasewise.plan.sql.Rollback;
import dev.phasewise.plan.sql.Sql;

import java.util.List;

/** Contract: remove the sync trigger of a rename (from, to) or any named trigger. */
@JsonTypeName("drop-trigger")
public record DropTrigger(String id, String title, String table, String name, String from, String to,
        @JsonProperty("lock_timeout") String lockTimeout,
        @JsonProperty("statement_timeout") String statementTimeout)
        implements Step {

    /** Without per-step timeouts (the plan's apply). */
    public DropTrigger(String id, String title, String table, String name, String from, String to) {
        this(id, title, table, name, from, to, null, null);
    }

    private String triggerName() {
        return name != null ? name : SyncTrigger.triggerName(table, from, to);
    }


    @Override
    public List<Reference> reads() {
        return List.of(Reference.table(table));
    }
    public String id() {
        return Step.or(id, "drop-trigger-" + triggerName());
    }

    public String title() {
        return Step.or(title, "drop trigger " + triggerName() + " on " + table);
    }

    public List<Action> forward() {
        String drop = "DROP TRIGGER IF EXISTS " + Sql.id(triggerName()) + " ON " + Sql.table(table);
        if (name == null) {
            drop += ";\n" + SyncTrigger.dropFunction(table, from, to);
        }
        return List.of(new Action(id() + "/drop", drop, true));
    }

    public Rollback rollback() {
        if (name != null) {
            return Rollback.irreversible("the plan does not hold the trigger's definition");
        }
        return Rollback.of(
                new Action(id() + "/rollback-function", SyncTrigger.createFunction(table, from, to,
                        "NEW." + Sql.id(from), "NEW." + Sql.id(to)), true),
                new Action(id() + "/rollback-trigger", SyncTrigger.createTrigger(table, from, to), true));
    }

    public List<Check> verify() {
        return List.of(Checks.triggerExists(table, triggerName(), false));
    }

    public List<String> problems() {
        return new Require(kind()).present("table", table)
                .check(name != null || from != null && to != null, "give 'name', or 'from' and 'to' of a rename").done();
    }
}
