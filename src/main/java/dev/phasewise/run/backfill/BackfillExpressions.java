package dev.phasewise.run.backfill;

import dev.phasewise.plan.sql.Sql;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.StringJoiner;

/**
 * Checks a backfill's SET and WHERE (a batched delete's WHERE) against a table as it will be when the backfill runs, which is not
 * always the table as it is now: a plan's backfill usually fills a column that an earlier step of the
 * same plan adds. The table is therefore rebuilt, from the columns the caller says it will have, as a
 * temporary table in a transaction that is rolled back, and the filter and the batch's UPDATE are
 * EXPLAINed on it under the table's own name (so {@code articles_article.body} resolves). Nothing is
 * written and no lock is taken on the real table; subqueries read the real tables they name.
 */
public final class BackfillExpressions {
    private static final String PROBE = "phasewise_backfill_probe";

    private BackfillExpressions() {
    }

    /** A column of the table as it will be: its name and its type as SQL (e.g. {@code varchar(300)}), null when unknown. */
    public record Column(String name, String type) {
    }

    /**
     * @param table   the table's name as the plan spells it (for messages and as the alias)
     * @param set     the SET list; null for a batched delete, whose batch is a DELETE
     * @param columns the table's columns when the backfill runs
     * @return the problem, naming SET or WHERE and PostgreSQL's message; empty when both are valid, or when
     *     a column's type is not known to the server yet (created by the plan itself), so that nothing
     *     precise can be said
     */
    public static Optional<String> check(Connection c, String table, List<Column> columns, String set, String where)
            throws SQLException {
        String setSql;
        String whereSql;
        try {
            StringJoiner j = new StringJoiner(", ");
            List<String> names = columns.stream().map(Column::name).toList();
            for (String[] a : set == null ? List.<String[]>of() : BackfillClauses.parseSet(set)) {
                if (!names.contains(a[0])) {
                    return Optional.of("SET: \"" + a[0] + "\" is not a column of " + table + " (columns: "
                            + String.join(", ", names) + ")");
                }
                j.add(Sql.id(a[0]) + " = " + a[1]);
            }
            setSql = j.toString();
            whereSql = where == null || where.isBlank() ? null : BackfillClauses.expression("WHERE", where);
        } catch (BackfillException e) {
            return Optional.of(e.getMessage());
        }
        List<String> definitions = new ArrayList<>();
        for (Column col : columns) {
            String type = col.type() == null ? null : serverType(c, col.type());
            if (type == null) {
                return Optional.empty();
            }
            definitions.add(Sql.id(col.name()) + " " + type);
        }
        String alias = Sql.id(unqualified(table));
        boolean autoCommit = c.getAutoCommit();
        c.setAutoCommit(false);
        try (Statement st = c.createStatement()) {
            st.execute("SET LOCAL statement_timeout = '10s'");
            st.execute("CREATE TEMP TABLE " + PROBE + " (" + String.join(", ", definitions) + ") ON COMMIT DROP");
            String probe = "pg_temp." + PROBE + " AS " + alias;
            if (whereSql != null) {
                BackfillTarget.explain(c, "SELECT 1 FROM " + probe + " WHERE " + whereSql,
                        BackfillException.Clause.WHERE, where, table, 0);
            }
            String filter = whereSql == null ? "" : " WHERE " + whereSql;
            if (set == null) {
                BackfillTarget.explain(c, "DELETE FROM " + probe + filter, BackfillException.Clause.WHERE, where, table, 0);
            } else {
                BackfillTarget.explain(c, "UPDATE " + probe + " SET " + setSql + filter, BackfillException.Clause.SET,
                        set, table, 0);
            }
            return Optional.empty();
        } catch (BackfillException e) {
            // the SQL names the probe table, not the user's: the clause and the server's message say it all
            String m = e.getMessage();
            int sql = m.indexOf("\n  SQL: ");
            return Optional.of((sql < 0 ? m : m.substring(0, sql)).replace("\"" + PROBE + "\"", "\"" + unqualified(table) + "\""));
        } finally {
            c.rollback();
            c.setAutoCommit(autoCommit);
        }
    }

    /** The server's name for a type, or null when it does not know it (yet). */
    private static String serverType(Connection c, String type) {
        try (PreparedStatement ps = c.prepareStatement("SELECT format_type(to_regtype(?), NULL)")) {
            ps.setString(1, type);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        } catch (SQLException e) {
            // older servers raise on a malformed name instead of returning NULL
            return null;
        }
    }

    private static String unqualified(String table) {
        String t = table.strip();
        int dot = t.lastIndexOf('.');
        String name = dot < 0 ? t : t.substring(dot + 1);
        return name.startsWith("\"") && name.endsWith("\"") && name.length() > 1
                ? name.substring(1, name.length() - 1).replace("\"\"", "\"") : name.toLowerCase(Locale.ROOT);
    }
}
