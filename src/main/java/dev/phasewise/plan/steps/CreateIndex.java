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
import java.util.regex.Pattern;

/** Expand: build an index CONCURRENTLY (outside a transaction), then ANALYZE the table. */
@JsonTypeName("create-index")
public record CreateIndex(String id, String title, String table, String name, List<String> columns,
                          Boolean unique, String using, String where,
        @JsonProperty("lock_timeout") String lockTimeout,
        @JsonProperty("statement_timeout") String statementTimeout)
        implements Step {

    /** Without per-step timeouts (the plan's apply). */
    public CreateIndex(String id, String title, String table, String name, List<String> columns,
            Boolean unique, String using, String where) {
        this(id, title, table, name, columns, unique, using, where, null, null);
    }


    @Override
    public List<Reference> reads() {
        return List.of(Reference.columns(table, columns == null ? List.of() : columns.stream()
                .filter(c -> !c.strip().startsWith("(")).map(c -> c.strip().split("\\s+")[0]).toList()));
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

    private static final Pattern NAME =
            Pattern.compile("[A-Za-z_][A-Za-z0-9_$]*(\\.[A-Za-z_][A-Za-z0-9_$]*)?");

    /**
     * One index element: "(expression)" kept (checked to be one expression), or
     * {@code column [opclass] [ASC|DESC] [NULLS FIRST|LAST]} with the column and the operator
     * class quoted as identifiers and the keywords recognised, so that no other text gets in.
     */
    static String element(String c) {
        String t = c.strip();
        if (t.startsWith("(")) {
            return Sql.expression("index expression", t);
        }
        String[] words = t.split("\\s+");
        StringBuilder out = new StringBuilder(Sql.id(words[0]));
        for (int i = 1; i < words.length; i++) {
            String w = words[i].toLowerCase(Locale.ROOT);
            if (w.equals("asc") || w.equals("desc")) {
                out.append(' ').append(w.toUpperCase(Locale.ROOT));
            } else if (w.equals("nulls") && i + 1 < words.length
                    && words[i + 1].toLowerCase(Locale.ROOT).matches("first|last")) {
                out.append(" NULLS ").append(words[++i].toUpperCase(Locale.ROOT));
            } else if (i == 1 && NAME.matcher(words[i]).matches()) {
                out.append(' ').append(Sql.table(words[i])); // an operator class, perhaps schema-qualified
            } else {
                throw new IllegalArgumentException("index column \"" + t + "\": expected column [opclass] "
                        + "[ASC|DESC] [NULLS FIRST|LAST] or (expression), not \"" + words[i] + "\"");
            }
        }
        return out.toString();
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
            for (String c : columns) {
                try {
                    element(c);
                } catch (IllegalArgumentException e) {
                    r.check(false, kind() + ": 'columns': " + e.getMessage());
                }
            }
        }
        return r.done();
    }
}
