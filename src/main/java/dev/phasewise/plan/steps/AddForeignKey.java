package dev.phasewise.plan.steps;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonTypeName;
import dev.phasewise.plan.sql.Action;
import dev.phasewise.plan.sql.Check;
import dev.phasewise.plan.sql.Checks;
import dev.phasewise.plan.sql.Rollback;
import dev.phasewise.plan.sql.Sql;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/** A foreign key added NOT VALID (brief lock on both tables), then validated (SHARE UPDATE EXCLUSIVE). */
@JsonTypeName("add-foreign-key")
public record AddForeignKey(String id, String title, String table, String name, List<String> columns,
                            String references, List<String> referencedColumns, String onDelete,
        @JsonProperty("lock_timeout") String lockTimeout,
        @JsonProperty("statement_timeout") String statementTimeout)
        implements Step {

    /** Without per-step timeouts (the plan's apply). */
    public AddForeignKey(String id, String title, String table, String name, List<String> columns,
            String references, List<String> referencedColumns, String onDelete) {
        this(id, title, table, name, columns, references, referencedColumns, onDelete, null, null);
    }

    private static final Set<String> ACTIONS = Set.of("no action", "restrict", "cascade", "set null", "set default");


    @Override
    public List<Reference> reads() {
        return List.of(Reference.columns(table, columns), Reference.table(references));
    }
    public String id() {
        return Step.or(id, "add-fk-" + name);
    }

    public String title() {
        return Step.or(title, "add foreign key " + name + " " + table + " -> " + references);
    }

    public List<Action> forward() {
        String cols = String.join(", ", columns.stream().map(Sql::id).toList());
        String refCols = referencedColumns == null || referencedColumns.isEmpty() ? ""
                : " (" + String.join(", ", referencedColumns.stream().map(Sql::id).toList()) + ")";
        String action = onDelete == null ? "" : " ON DELETE " + onDelete.toUpperCase(Locale.ROOT);
        String t = Sql.table(table);
        return List.of(
                new Action(id() + "/add", "ALTER TABLE " + t + " ADD CONSTRAINT " + Sql.id(name) + " FOREIGN KEY ("
                        + cols + ") REFERENCES " + Sql.table(references) + refCols + action + " NOT VALID", true),
                new Action(id() + "/validate", "ALTER TABLE " + t + " VALIDATE CONSTRAINT " + Sql.id(name), true));
    }

    public Rollback rollback() {
        return Rollback.of(new Action(id() + "/rollback", "ALTER TABLE " + Sql.table(table)
                + " DROP CONSTRAINT IF EXISTS " + Sql.id(name), true));
    }

    public List<Check> verify() {
        return List.of(Checks.constraint(table, name, true));
    }

    public List<String> problems() {
        return new Require(kind()).present("table", table).present("name", name).present("columns", columns)
                .present("references", references)
                .check(onDelete == null || ACTIONS.contains(onDelete.toLowerCase(Locale.ROOT)),
                        "'on_delete' must be one of " + ACTIONS).done();
    }
}
