package dev.phasewise.run.backfill;

import dev.phasewise.analysis.parse.Lexer;
import dev.phasewise.analysis.parse.Token;
import dev.phasewise.analysis.parse.TokenType;
import dev.phasewise.plan.sql.Sql;
import dev.phasewise.run.retry.SqlFailureClass;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * A job checked against the catalog: the table, its key columns with their types, the validated
 * {@code SET} assignments (none for a job that deletes) and {@code WHERE} filter, and the SQL of
 * batches built from them: an UPDATE, or a DELETE for a job that {@link BackfillJob#deletes()}. User
 * text enters SQL only after {@link BackfillClauses} accepted it as one expression and the catalog
 * confirmed every assignment's target; names are always quoted; key values (read from the table
 * itself as text) are bound as parameters, cast to the key column's type in the SQL.
 */
public final class BackfillTarget {
    private final long oid;
    private final String qualifiedName;
    private final String display;
    private final List<String> keyColumns;
    private final List<String> keyTypes;
    /** The SET list as SQL; null: the batches delete. */
    private final String setSql;
    private final String whereSql;
    private final List<String> setColumns;

    private BackfillTarget(long oid, String qualifiedName, String display, List<String> keyColumns,
                           List<String> keyTypes, String setSql, List<String> setColumns, String whereSql) {
        this.oid = oid;
        this.qualifiedName = qualifiedName;
        this.display = display;
        this.keyColumns = List.copyOf(keyColumns);
        this.keyTypes = List.copyOf(keyTypes);
        this.setSql = setSql;
        this.setColumns = List.copyOf(setColumns);
        this.whereSql = whereSql;
    }

    /**
     * Checks the job against the database, writing nothing.
     *
     * @throws BackfillException naming what is wrong (unknown table or column, not one expression, ...)
     */
    public static BackfillTarget resolve(Connection c, BackfillJob job) throws SQLException {
        List<String[]> assignments = job.deletes() ? List.of() : BackfillClauses.parseSet(job.set());
        String where = job.where() == null ? null : BackfillClauses.expression("WHERE", job.where());
        long oid;
        String schema;
        String name;
        try (PreparedStatement ps = c.prepareStatement("SELECT c.oid, n.nspname, c.relname, c.relkind FROM pg_class c "
                + "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.oid = to_regclass(?)")) {
            ps.setString(1, Sql.table(job.table()));
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new BackfillException("table \"" + job.table() + "\" does not exist (search_path: "
                            + searchPath(c) + ")");
                }
                oid = rs.getLong(1);
                schema = rs.getString(2);
                name = rs.getString(3);
                String kind = rs.getString(4);
                if (!kind.equals("r") && !kind.equals("p")) {
                    throw new BackfillException("\"" + job.table() + "\" is not a table (relkind " + kind + ")");
                }
            }
        }
        String qualified = Sql.id(schema) + "." + Sql.id(name);
        Map<String, String[]> columns = new LinkedHashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT attname, format_type(atttypid, atttypmod), attnotnull, "
                + "attgenerated::text FROM pg_attribute WHERE attrelid = ? AND attnum > 0 AND NOT attisdropped "
                + "ORDER BY attnum")) {
            ps.setLong(1, oid);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    columns.put(rs.getString(1), new String[] {rs.getString(2), rs.getString(3), rs.getString(4)});
                }
            }
        }
        List<String> key = new ArrayList<>(job.keyColumns());
        if (key.isEmpty()) {
            try (PreparedStatement ps = c.prepareStatement("SELECT a.attname FROM pg_index i "
                    + "CROSS JOIN LATERAL unnest(i.indkey) WITH ORDINALITY k(attnum, ord) "
                    + "JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum "
                    + "WHERE i.indrelid = ? AND i.indisprimary ORDER BY k.ord")) {
                ps.setLong(1, oid);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        key.add(rs.getString(1));
                    }
                }
            }
            if (key.isEmpty()) {
                throw new BackfillException("table " + schema + "." + name + " has no primary key: name a unique, "
                        + "NOT NULL key column (or columns) to batch over (--key)");
            }
        }
        List<String> types = new ArrayList<>();
        for (String k : key) {
            String[] col = columns.get(k);
            if (col == null) {
                throw new BackfillException("key column \"" + k + "\" is not a column of " + schema + "." + name);
            }
            if (!col[1].equals("t")) {
                throw new BackfillException("key column \"" + k + "\" of " + schema + "." + name + " may be NULL: "
                        + "keyset batches would miss those rows; use the primary key or a NOT NULL unique key");
            }
            types.add(col[0]);
        }
        StringJoiner set = new StringJoiner(", ");
        List<String> targets = new ArrayList<>();
        for (String[] a : assignments) {
            String[] col = columns.get(a[0]);
            if (col == null) {
                throw new BackfillException("SET: \"" + a[0] + "\" is not a column of " + schema + "." + name
                        + " (columns: " + String.join(", ", columns.keySet()) + ")", null, null, null,
                        BackfillException.Clause.SET);
            }
            if (!col[2].isEmpty()) {
                throw new BackfillException("SET: \"" + a[0] + "\" is a generated column; it cannot be assigned");
            }
            if (key.contains(a[0])) {
                throw new BackfillException("SET: \"" + a[0] + "\" is a key column; a backfill that changes the key "
                        + "it walks over would miss or repeat rows");
            }
            targets.add(a[0]);
            set.add(Sql.id(a[0]) + " = " + a[1]);
        }
        BackfillTarget t = new BackfillTarget(oid, qualified, schema + "." + name, key, types,
                job.deletes() ? null : set.toString(), targets, where);
        t.explain(c, job);
        return t;
    }

    /**
     * Plans (without running) the filter, the boundary query and a batch, so that errors in the
     * expressions show before any write. The filter is planned on its own first, so that an error is
     * put down to the WHERE or to the SET it is in.
     */
    private void explain(Connection c, BackfillJob job) throws SQLException {
        // planning an UPDATE takes its ROW EXCLUSIVE lock: never queue for it in front of the application
        try (Statement st = c.createStatement()) {
            st.execute("SET lock_timeout = '" + job.lockTimeout().toMillis() + "ms'");
        }
        if (whereSql != null) {
            explain(c, "SELECT 1 FROM " + qualifiedName + " WHERE " + whereSql, BackfillException.Clause.WHERE,
                    job.where(), display, job.maxRetries());
        }
        explain(c, boundarySql(null, null, 1).sql(), null, null, display, job.maxRetries());
        // as a batch's UPDATE or DELETE, over every key (the batches bind their bounds; unbounded, there are none)
        String filter = " WHERE true" + (whereSql == null ? "" : " AND " + whereSql);
        if (setSql == null) {
            explain(c, "DELETE FROM " + qualifiedName + filter, BackfillException.Clause.WHERE, job.where(), display,
                    job.maxRetries());
        } else {
            explain(c, "UPDATE " + qualifiedName + " SET " + setSql + filter, BackfillException.Clause.SET, job.set(),
                    display, job.maxRetries());
        }
    }

    /**
     * EXPLAINs {@code sql}, retrying a lock timeout; any other error becomes a {@link BackfillException}
     * that names the clause (and its text) when one is given.
     */
    static void explain(Connection c, String sql, BackfillException.Clause clause, String text, String on,
                        int maxRetries) throws SQLException {
        for (int attempt = 1; ; attempt++) {
            try (Statement st = c.createStatement()) {
                st.execute("EXPLAIN " + sql);
                return;
            } catch (SQLException e) {
                if (SqlFailureClass.of(e) != SqlFailureClass.LOCK_TIMEOUT || attempt > maxRetries) {
                    String what = clause == null || text == null ? "the backfill's SQL"
                            : clause.name() + " \"" + text.strip() + "\"";
                    throw new BackfillException(what + " is not valid on " + on + ": " + firstLine(e.getMessage())
                            + "\n  SQL: " + sql, sql, e.getSQLState(), e, clause);
                }
                try {
                    Thread.sleep(BackfillExecutor.backoff(attempt).toMillis());
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw new BackfillException("interrupted while waiting for a lock on " + on);
                }
            }
        }
    }

    private static String searchPath(Connection c) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SHOW search_path")) {
            rs.next();
            return rs.getString(1);
        }
    }

    static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return (nl < 0 ? s : s.substring(0, nl)).replaceFirst("^ERROR:\\s*", "");
    }

    // ---- SQL of batches; a key value is a list of the key columns' text forms, null = unbounded ----

    /**
     * SQL with JDBC {@code ?} placeholders and the key values bound to them, in order. Each value is
     * bound as text and cast to its key column's type in the SQL itself, so that it reaches the
     * server as data whatever it holds (quotes, backslashes, any standard_conforming_strings).
     */
    record BoundSql(String sql, List<String> parameters) {
        BoundSql {
            parameters = Collections.unmodifiableList(new ArrayList<>(parameters));
        }

        PreparedStatement prepare(Connection c) throws SQLException {
            PreparedStatement ps = c.prepareStatement(sql);
            try {
                for (int i = 0; i < parameters.size(); i++) {
                    ps.setString(i + 1, parameters.get(i));
                }
                return ps;
            } catch (SQLException | RuntimeException e) {
                ps.close();
                throw e;
            }
        }

        /** The SQL and its parameters, for messages. */
        @Override
        public String toString() {
            if (parameters.isEmpty()) {
                return sql;
            }
            StringJoiner j = new StringJoiner(", ", " -- parameters: ", "");
            parameters.forEach(v -> j.add(v == null ? "NULL" : Sql.literal(v)));
            return sql + j;
        }
    }

    private String keyList(String prefix) {
        StringJoiner j = new StringJoiner(", ");
        keyColumns.forEach(k -> j.add(prefix + Sql.id(k)));
        return j.toString();
    }

    private String keyTuple() {
        return keyColumns.size() == 1 ? Sql.id(keyColumns.get(0)) : "(" + keyList("") + ")";
    }

    /** Placeholders for one key value, each cast to its column's type; the value's parts go to {@code into}. */
    private String placeholders(List<String> key, List<String> into) {
        StringJoiner j = new StringJoiner(", ");
        for (int i = 0; i < keyColumns.size(); i++) {
            j.add("CAST(? AS " + keyTypes.get(i) + ")");
            into.add(key.get(i));
        }
        return keyColumns.size() == 1 ? j.toString() : "(" + j + ")";
    }

    /** The key range (lo, hi]: both bounds optional; their values are appended to {@code into}. */
    private String range(List<String> lo, List<String> hi, List<String> into) {
        List<String> parts = new ArrayList<>();
        if (lo != null) {
            parts.add(keyTuple() + " > " + placeholders(lo, into));
        }
        if (hi != null) {
            parts.add(keyTuple() + " <= " + placeholders(hi, into));
        }
        return parts.isEmpty() ? "true" : String.join(" AND ", parts);
    }

    /** The key of the n-th row after {@code lo} (or the last one up to {@code end}, when fewer): no row when the range is done. */
    BoundSql boundarySql(List<String> lo, List<String> end, int n) {
        StringJoiner asText = new StringJoiner(", ");
        StringJoiner desc = new StringJoiner(", ");
        keyColumns.forEach(k -> {
            asText.add("s." + Sql.id(k) + "::text");
            desc.add("s." + Sql.id(k) + " DESC");
        });
        List<String> values = new ArrayList<>();
        String sql = "SELECT " + asText + " FROM (SELECT " + keyList("") + " FROM " + qualifiedName + " WHERE "
                + range(lo, end, values) + " ORDER BY " + keyList("") + " LIMIT " + n + ") s ORDER BY " + desc
                + " LIMIT 1";
        return new BoundSql(sql, values);
    }

    /** The batch: the rows with key in (lo, hi] that match the filter, updated or deleted. */
    BoundSql batchSql(List<String> lo, List<String> hi) {
        List<String> values = new ArrayList<>();
        String range = range(lo, hi, values);
        // the SET and WHERE are user text in a prepared statement: a "?" there is an operator (jsonb's), not ours
        return new BoundSql(statement(setSql == null ? null : questionMarksEscaped(setSql)) + " WHERE " + range
                + (whereSql == null ? "" : " AND " + questionMarksEscaped(whereSql)), values);
    }

    /** The batch's statement up to its WHERE: an UPDATE with the SET list, or a DELETE without one. */
    private String statement(String set) {
        return set == null ? "DELETE FROM " + qualifiedName : "UPDATE " + qualifiedName + " SET " + set;
    }

    /**
     * The text with each {@code ?} outside strings and quoted names doubled: JDBC's escape for an
     * operator character in a prepared statement's SQL.
     */
    static String questionMarksEscaped(String sql) {
        StringBuilder out = new StringBuilder(sql.length());
        Lexer lexer = new Lexer(sql);
        int at = 0;
        Token t;
        while ((t = lexer.next()) != null) {
            out.append(sql, at, t.start());
            String text = sql.substring(t.start(), t.end());
            out.append(t.type() == TokenType.SYMBOL ? text.replace("?", "??") : text);
            at = t.end();
        }
        return out.append(sql.substring(at)).toString();
    }

    /** The key of the row at this position (0-based) in key order, for splitting into worker ranges. */
    String keyAtSql(long offset) {
        // the outputs get names of their own: output columns named like the keys would make ORDER BY sort the
        // text (18999 before 3), and the workers' ranges would split the table by text order, unevenly
        StringJoiner asText = new StringJoiner(", ");
        for (int i = 0; i < keyColumns.size(); i++) {
            asText.add(Sql.id(keyColumns.get(i)) + "::text AS key_text_" + (i + 1));
        }
        return "SELECT " + asText + " FROM " + qualifiedName + " ORDER BY " + keyList("") + " OFFSET " + offset
                + " LIMIT 1";
    }

    String countSql(boolean filtered) {
        return "SELECT count(*) FROM " + qualifiedName + (filtered && whereSql != null ? " WHERE " + whereSql : "");
    }

    public long oid() {
        return oid;
    }

    /** {@code "schema"."table"}. */
    public String qualifiedName() {
        return qualifiedName;
    }

    /** {@code schema.table}, for messages. */
    public String display() {
        return display;
    }

    public List<String> keyColumns() {
        return keyColumns;
    }

    public List<String> keyTypes() {
        return keyTypes;
    }

    /** The columns the SET list assigns (none for a delete). */
    public List<String> setColumns() {
        return setColumns;
    }

    /** The SQL of a batch, with {@code $lo} / {@code $hi} standing for the key bounds (for display). */
    public String batchSqlTemplate() {
        String lo = keyColumns.size() == 1 ? "$lo" : "($lo)";
        String hi = keyColumns.size() == 1 ? "$hi" : "($hi)";
        return statement(setSql) + " WHERE " + keyTuple() + " > " + lo + " AND "
                + keyTuple() + " <= " + hi + (whereSql == null ? "" : " AND " + whereSql);
    }

    static String keyText(List<String> key) {
        if (key == null) {
            return "(start)";
        }
        return key.size() == 1 ? key.get(0) : "(" + String.join(", ", key) + ")";
    }
}
