package dev.phasewise.db.trace;

import dev.phasewise.analysis.Analyzer;
import dev.phasewise.analysis.pg.PgVersion;
import dev.phasewise.analysis.rules.Rules;
import dev.phasewise.analysis.schema.SchemaModel;
import dev.phasewise.db.Database;
import dev.phasewise.db.catalog.CatalogSchema;
import dev.phasewise.plan.sql.Action;
import dev.phasewise.plan.sql.Sql;
import dev.phasewise.plan.steps.BatchedStep;
import dev.phasewise.plan.steps.Step;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;

/**
 * Traces one plan step's forward SQL the way {@code phasewise trace} traces a file: each statement
 * in a rolled-back transaction after the ones before it, non-transactional ones from a second
 * session and undone. A backfill's statement is its batch, which takes its key range as
 * parameters: it is traced over the table's first batch, the bounds read from the table and put in
 * as quoted literals. Blocking; the caller checks the database is staging.
 */
public final class StepTracer {
    private StepTracer() {
    }

    public static TracedFile trace(Database db, PgVersion version, Step step) throws SQLException {
        try (Connection session = db.newSession()) {
            SchemaModel schema = CatalogSchema.read(session);
            MigrationTracer tracer = new MigrationTracer(session, db::newSession, new Analyzer(version, Rules.ALL, null));
            return tracer.trace(step.id(), source(session, step), schema);
        }
    }

    /** The step's forward statements as one script; a batched step's batch over the first key range. */
    static String source(Connection session, Step step) throws SQLException {
        if (step instanceof BatchedStep b) {
            return firstBatch(session, b);
        }
        StringBuilder out = new StringBuilder();
        for (Action a : step.forward()) {
            String s = a.sql().strip();
            out.append(s).append(s.endsWith(";") ? "" : ";").append('\n');
        }
        return out.toString();
    }

    private static String firstBatch(Connection session, BatchedStep b) throws SQLException {
        String table = Sql.table(b.table());
        String key = Sql.id(b.keyColumn());
        String low = scalar(session, "SELECT min(" + key + ")::text FROM " + table, null);
        // "AS v": a text column named like the key would make ORDER BY sort the text ('10' before '2')
        String high = low == null ? null : scalar(session, "SELECT " + key + "::text AS v FROM " + table + " WHERE " + key
                + " >= ? ORDER BY " + key + " OFFSET " + (b.rowsPerBatch() - 1) + " LIMIT 1", low);
        if (high == null && low != null) {
            high = scalar(session, "SELECT max(" + key + ")::text FROM " + table, null);
        }
        // ($1, $2] is exclusive below: start just under the smallest key by including it with >=
        String sql = b.batchSql();
        if (low == null) {
            // an empty table: a range that matches nothing still takes the statement's locks
            return sql.replace(" > $1 AND ", " IS NULL AND ").replace(" <= $2", " IS NULL") + ";\n";
        }
        // the trace runs a script, so the bounds are written into it, in the form that cannot be misread
        return sql.replace(" > $1 AND ", " >= " + keyLiteral(low) + " AND ").replace(" <= $2", " <= " + keyLiteral(high))
                + ";\n";
    }

    /**
     * A key's text as a literal that means the same whatever standard_conforming_strings says (a plain
     * '...' reads a backslash as an escape when it is off): E'...' with backslashes doubled when it
     * holds one, as libpq's PQescapeLiteral does.
     */
    static String keyLiteral(String text) {
        return text.indexOf('\\') < 0 ? Sql.literal(text) : "E" + Sql.literal(text.replace("\\", "\\\\"));
    }

    private static String scalar(Connection session, String query, String param) throws SQLException {
        if (param == null) {
            try (Statement st = session.createStatement(); ResultSet rs = st.executeQuery(query)) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
        try (PreparedStatement ps = session.prepareStatement(query)) {
            ps.setObject(1, param, Types.OTHER);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }
}
