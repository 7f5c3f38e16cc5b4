package dev.phasewise.plan.steps;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonTypeName;
import dev.phasewise.plan.sql.Action;
import dev.phasewise.plan.sql.Check;
import dev.phasewise.plan.sql.Rollback;
import dev.phasewise.plan.sql.Sql;

import java.util.List;

/**
 * Expand half of a table rename: in one transaction, rename the table and put a view with the old
 * name in its place. A view of one table is updatable, so deployed code that still names the old
 * table keeps reading and writing through it while the release that names the new one rolls out;
 * the contract phase drops the view.
 */
@JsonTypeName("rename-table")
public record RenameTable(String id, String title, String table, String to,
        @JsonProperty("lock_timeout") String lockTimeout,
        @JsonProperty("statement_timeout") String statementTimeout)
        implements Step {

    /** Without per-step timeouts (the plan's apply). */
    public RenameTable(String id, String title, String table, String to) {
        this(id, title, table, to, null, null);
    }

    @Override
    public List<Reference> reads() {
        return List.of(Reference.table(table));
    }

    public String id() {
        return Step.or(id, "rename-table-" + table + "-" + to);
    }

    public String title() {
        return Step.or(title, "rename " + table + " to " + to + " (a view keeps the old name working)");
    }

    /** The new name, in the old one's schema. */
    public String renamed() {
        int dot = table.indexOf('.');
        return dot < 0 ? to : table.substring(0, dot + 1) + to;
    }

    public List<Action> forward() {
        return List.of(new Action(id() + "/rename", "ALTER TABLE " + Sql.table(table) + " RENAME TO " + Sql.id(to)
                + ";\nCREATE VIEW " + Sql.table(table) + " AS SELECT * FROM " + Sql.table(renamed()), true));
    }

    public Rollback rollback() {
        return Rollback.of(new Action(id() + "/rollback", "DROP VIEW IF EXISTS " + Sql.table(table)
                + ";\nALTER TABLE " + Sql.table(renamed()) + " RENAME TO " + Sql.id(bareName(table)), true));
    }

    public List<Check> verify() {
        return List.of(new Check(renamed() + " exists, and " + table + " is the view over it",
                "SELECT to_regclass(" + Sql.literal(Sql.table(renamed())) + ") IS NOT NULL AND coalesce((SELECT relkind = 'v' "
                        + "FROM pg_class WHERE oid = to_regclass(" + Sql.literal(Sql.table(table)) + ")), false)"));
    }

    public List<String> problems() {
        return new Require(kind()).present("table", table).present("to", to)
                .check(to == null || to.indexOf('.') < 0, "'to' is the new name alone: a rename stays in its schema")
                .done();
    }

    private static String bareName(String table) {
        return table.substring(table.indexOf('.') + 1);
    }
}
