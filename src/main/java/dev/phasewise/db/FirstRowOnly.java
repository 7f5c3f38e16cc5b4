package dev.phasewise.db;

import dev.phasewise.analysis.parse.SourceProblem;
import dev.phasewise.analysis.parse.Splitter;
import dev.phasewise.analysis.sql.Command;
import dev.phasewise.analysis.sql.CommandParser;
import dev.phasewise.analysis.sql.QualifiedName;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Lets a traced UPDATE, DELETE, INSERT ... SELECT or MERGE change only its first row, so that a
 * trace learns what the statement does to the tables without doing all its work.
 *
 * <p>The table locks are taken when the statement is planned and its executor starts, whatever the
 * number of rows; the scan of each table begins (and is counted) whatever the rows; the foreign-key
 * checks and cascades fire for each row changed, so the one row that is let through shows their
 * locks. A BEFORE ROW trigger, created inside the traced transaction (and so rolled back with it),
 * returns NULL for every row after the first: those rows are read but not written. Tracing a
 * full-table UPDATE of 2 M rows then writes one row version instead of 2 M (which a rollback would
 * leave as dead rows, doubling the table), and takes the time of the scan, not of the write.
 *
 * <p>The trigger takes SHARE ROW EXCLUSIVE on the table before the statement runs: the trace reads
 * it as held before, and the statement's own ROW EXCLUSIVE is a new mode, still seen.
 */
final class FirstRowOnly {
    private static final String FUNCTION = "pg_temp.phasewise_first_row_only";
    // BEFORE triggers fire in name order, and one that returns NULL stops those after it for that row:
    // a name that sorts before any letter keeps the application's own triggers from running on skipped rows.
    private static final String TRIGGER = "\"0phasewise_first_row_only\"";

    private FirstRowOnly() {
    }

    /** The table a data-changing statement writes, or null when it is not one this can limit. */
    static QualifiedName target(String sql) {
        Command c = parse(sql);
        if (c instanceof Command.Update u) {
            return u.table();
        }
        if (c instanceof Command.Delete d) {
            return d.table();
        }
        if (c instanceof Command.Insert i) {
            return i.table();
        }
        if (c instanceof Command.Merge m) {
            return m.target();
        }
        return null;
    }

    /**
     * Whether a statement may change many rows (UPDATE, DELETE, MERGE, INSERT from a query). Replayed
     * before a later statement, its rows do not change the later statement's locks, rewrites or scans.
     */
    static boolean changesManyRows(String sql) {
        Command c = parse(sql);
        if (c instanceof Command.With w) {
            return w.queries().stream().anyMatch(FirstRowOnly::changesManyRows) || changesManyRows(w.main());
        }
        return changesManyRows(c);
    }

    private static boolean changesManyRows(Command c) {
        return c instanceof Command.Update || c instanceof Command.Delete || c instanceof Command.Merge
                || c instanceof Command.Insert i && !i.source().refs().isEmpty();
    }

    private static Command parse(String sql) {
        List<dev.phasewise.analysis.parse.Statement> statements = Splitter.split(sql, new ArrayList<SourceProblem>());
        return statements.size() == 1 ? CommandParser.parse(statements.get(0)) : null;
    }

    /**
     * Installs the trigger on the table and, for a partitioned or inheritance parent, on every table
     * below it that holds rows. Runs in the caller's open transaction, under a savepoint: when it cannot
     * (a view, a foreign table, no privilege) nothing is left half-done and the reason is returned.
     *
     * @return null when installed, else why the statement has to run in full
     */
    static String install(Connection c, QualifiedName table) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute("SAVEPOINT phasewise_first_row_only");
            try {
                List<String> tables = tablesWithRows(c, table);
                if (tables.isEmpty()) {
                    st.execute("RELEASE SAVEPOINT phasewise_first_row_only");
                    return table.display() + " is not a table with rows of its own (a view or a foreign table)";
                }
                // OR REPLACE, and a trigger only where there is none yet: an earlier statement of the same
                // traced transaction may have installed them (its rows limited as this one's are)
                st.execute("CREATE OR REPLACE FUNCTION " + FUNCTION + "() RETURNS trigger LANGUAGE plpgsql AS $fn$ BEGIN "
                        + "IF current_setting('phasewise.first_row_done', true) = 'on' THEN RETURN NULL; END IF; "
                        + "PERFORM set_config('phasewise.first_row_done', 'on', true); "
                        + "IF TG_OP = 'DELETE' THEN RETURN OLD; END IF; RETURN NEW; END $fn$");
                for (String t : tables) {
                    if (hasTrigger(c, t)) {
                        continue;
                    }
                    // t is regclass output: PostgreSQL quotes and qualifies it as needed
                    st.execute("CREATE TRIGGER " + TRIGGER + " BEFORE INSERT OR UPDATE OR DELETE ON " + t
                            + " FOR EACH ROW EXECUTE FUNCTION " + FUNCTION + "()");
                }
                st.execute("SELECT set_config('phasewise.first_row_done', 'off', true)");
                st.execute("RELEASE SAVEPOINT phasewise_first_row_only");
                return null;
            } catch (SQLException e) {
                st.execute("ROLLBACK TO SAVEPOINT phasewise_first_row_only");
                return "its rows could not be limited: " + e.getMessage();
            }
        }
    }

    private static boolean hasTrigger(Connection c, String table) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT 1 FROM pg_trigger WHERE tgrelid = ?::regclass AND tgname = '0phasewise_first_row_only'")) {
            ps.setString(1, table);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    /** The table itself and every table below it in its partition or inheritance tree (relkind 'r'). */
    private static List<String> tablesWithRows(Connection c, QualifiedName table) throws SQLException {
        List<String> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("""
                WITH RECURSIVE tree(oid) AS (
                    SELECT to_regclass(?)::oid
                    UNION ALL SELECT i.inhrelid FROM pg_inherits i JOIN tree t ON i.inhparent = t.oid)
                SELECT DISTINCT c.oid::regclass::text FROM tree JOIN pg_class c ON c.oid = tree.oid
                WHERE c.relkind = 'r'""")) {
            ps.setString(1, table.quoted());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
        }
        return out;
    }
}
