package dev.phasewise.db.catalog;

import dev.phasewise.analysis.cost.Throughput;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;

/**
 * Measures how fast this server scans, rewrites and indexes a table, so that duration estimates
 * come from the server itself and not from a constant.
 *
 * <p>It builds a probe table of realistic rows (a few tens of MB), times a sequential scan, a
 * rewrite ({@code ALTER COLUMN ... TYPE bigint}) and a B-tree build on it, and rolls everything
 * back: nothing is left behind. On a database marked staging the probe is an ordinary table, so
 * that its writes pay for WAL like the real tables' would; elsewhere it is a temporary table
 * (no WAL, so the rewrite estimate is optimistic), because Phasewise does not write to a
 * database that is not marked staging. A hot standby can do neither; it gets no estimate.
 */
public final class ThroughputProbe {
    private static final int DEFAULT_ROWS = 200_000;
    private final int rows;

    public ThroughputProbe() {
        this(DEFAULT_ROWS);
    }

    public ThroughputProbe(int rows) {
        this.rows = rows;
    }

    /**
     * @param regularTable true on a database marked staging: measure with a WAL-logged table
     */
    public Throughput measure(Connection c, boolean regularTable) throws SQLException {
        boolean auto = c.getAutoCommit();
        c.setAutoCommit(false);
        try (Statement st = c.createStatement()) {
            st.execute("SET LOCAL statement_timeout = '120s'");
            st.execute(regularTable
                    ? "CREATE TABLE phasewise_throughput_probe (id int, title text, body text, created_at timestamptz)"
                    : "CREATE TEMP TABLE phasewise_throughput_probe (id int, title text, body text, created_at timestamptz)"
                    + " ON COMMIT DROP");
            try (PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO phasewise_throughput_probe
                    SELECT g, md5(g::text), repeat(md5((g * 7)::text), 4), now() - g * interval '1 minute'
                    FROM generate_series(1, ?) g""")) {
                ps.setInt(1, rows);
                ps.executeUpdate();
            }
            // the first scan after loading also writes hint bits; time the second, like a table at rest
            st.execute("SELECT count(*) FROM phasewise_throughput_probe WHERE body = ''");
            long heap = scalar(st, "SELECT pg_relation_size('phasewise_throughput_probe')");
            double scan = seconds(st, "SELECT count(*) FROM phasewise_throughput_probe WHERE body = ''");
            double index = seconds(st, "CREATE INDEX ON phasewise_throughput_probe (title)");
            st.execute("DROP INDEX phasewise_throughput_probe_title_idx");
            double rewrite = seconds(st, "ALTER TABLE phasewise_throughput_probe ALTER COLUMN id TYPE bigint");
            String how = String.format(Locale.ROOT, "measured on a %s probe table of %d rows (%d MB)",
                    regularTable ? "WAL-logged" : "temporary", rows, heap >> 20);
            return new Throughput(heap / scan, heap / rewrite, heap / index, how);
        } finally {
            c.rollback();
            c.setAutoCommit(auto);
        }
    }

    private static double seconds(Statement st, String sql) throws SQLException {
        long start = System.nanoTime();
        st.execute(sql);
        // a floor of 1 ms keeps a very fast server from dividing by zero
        return Math.max(1e-3, (System.nanoTime() - start) / 1e9);
    }

    private static long scalar(Statement st, String sql) throws SQLException {
        try (ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
