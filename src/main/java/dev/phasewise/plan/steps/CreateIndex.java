package dev.phasewise.plan.steps;

import dev.phasewise.plan.Action;
import dev.phasewise.plan.Check;
import dev.phasewise.plan.Checks;
import dev.phasewise.plan.Rollback;
import dev.phasewise.plan.Sql;

import java.util.List;

/** Expand: build an index CONCURRENTLY (outside a transaction), then ANALYZE the table. */
public record CreateIndex(String id, String title, String table, String name, List<String> columns,
                          Boolean unique, String using, String where) implements Step {

    public String kind() {
        return "create-index";
    }

    public String id() {
        return Step.or(id, "create-index-" + name);
    }

    public String title() {
        return Step.or(title, "create " + (Boolean.TRUE.equals(unique) ? "unique " : "") + "index " + name + " on "
                + table + " (" + String.join(", ", columns == null ? List.of() : columns) + ")");
    }

    public List<Action> forward() {
        String cols = String.join(", ", columns.stream().map(CreateIndex::element).toList());
        String sql = "CREATE " + (Boolean.TRUE.equals(unique) ? "UNIQUE " : "") + "INDEX CONCURRENTLY IF NOT EXISTS "
                + Sql.id(name) + " ON " + Sql.table(table) + (using == null ? "" : " USING " + Sql.id(using))
                + " (" + cols + ")" + (where == null ? "" : " WHERE " + Sql.expression("where", where));
        return List.of(new Action(id() + "/create", sql, false),
                new Action(id() + "/analyze", "ANALYZE " + Sql.table(table), true));
    }

    /** A plain name is quoted; "(expression)" is kept, checked to be one expression. */
    private static String element(String c) {
        String t = c.strip();
        return t.startsWith("(") ? Sql.expression("index expression", t) : Sql.id(t);
    }

    public Rollback rollback() {
        return Rollback.of(new Action(id() + "/rollback", "DROP INDEX CONCURRENTLY IF EXISTS "
                + Sql.table(Checks.indexIn(table, name)), false));
    }

    public List<Check> verify() {
        return List.of(Checks.indexValid(Checks.indexIn(table, name)));
    }

    public List<String> problems() {
        Require r = new Require(kind()).present("table", table).present("name", name).present("columns", columns)
                .expression("where", where);
        if (columns != null) {
            columns.forEach(c -> r.expression("columns", c));
        }
        return r.done();
    }
}
