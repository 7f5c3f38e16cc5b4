package dev.phasewise.run.backfill;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The backfill's state in the target database, schema {@value #SCHEMA}: one row per job in
 * {@code backfill_jobs}, one per worker key range in {@code backfill_ranges}. A range's checkpoint
 * is written by the batch's own transaction, so it is exactly as durable as the rows it covers.
 * Keys are stored as {@code text[]} (one element per key column, in the column's text form).
 */
final class Checkpoints {
    static final String SCHEMA = "phasewise";

    private static final String[] DDL = {
            "CREATE SCHEMA IF NOT EXISTS phasewise",
            """
            CREATE TABLE IF NOT EXISTS phasewise.backfill_jobs (
                job_id         text PRIMARY KEY,
                table_name     text NOT NULL,
                key_columns    text[] NOT NULL,
                set_clause     text,
                where_clause   text,
                state          text NOT NULL,
                workers        int NOT NULL,
                total_estimate bigint,
                created        timestamptz NOT NULL DEFAULT now(),
                updated        timestamptz NOT NULL DEFAULT now(),
                finished       timestamptz,
                error          text
            )""",
            """
            CREATE TABLE IF NOT EXISTS phasewise.backfill_ranges (
                job_id      text NOT NULL REFERENCES phasewise.backfill_jobs ON DELETE CASCADE,
                worker      int NOT NULL,
                range_start text[],
                range_end   text[],
                checkpoint  text[],
                rows_done   bigint NOT NULL DEFAULT 0,
                batches     bigint NOT NULL DEFAULT 0,
                done        boolean NOT NULL DEFAULT false,
                updated_at  timestamptz NOT NULL DEFAULT now(),
                PRIMARY KEY (job_id, worker)
            )""",
            // one row per running job paced by its write impact: the row its probe writes (WriteProbe)
            """
            CREATE TABLE IF NOT EXISTS phasewise.backfill_probe (
                job_id    text PRIMARY KEY,
                probed_at timestamptz NOT NULL DEFAULT now()
            )""",
            // a job that deletes has no SET (null); a schema made before batched deletes required one. Altered
            // only when needed: ALTER TABLE waits for every session that touched the table, a running job's too
            """
            DO $$
            BEGIN
                IF EXISTS (SELECT 1 FROM pg_attribute WHERE attrelid = 'phasewise.backfill_jobs'::regclass
                           AND attname = 'set_clause' AND attnotnull) THEN
                    ALTER TABLE phasewise.backfill_jobs ALTER COLUMN set_clause DROP NOT NULL;
                END IF;
            END
            $$"""};

    /** {@code set} is null for a job that deletes. */
    record JobRow(String table, List<String> keyColumns, String set, String where, String state, long totalEstimate) {
    }

    record RangeRow(int worker, List<String> start, List<String> end, List<String> checkpoint, long rowsDone,
                    boolean done) {
    }

    private Checkpoints() {
    }

    /** Creates the schema and tables if missing; serialized by an advisory lock, as concurrent IF NOT EXISTS may collide. */
    static void ensureSchema(Connection c) throws SQLException {
        boolean auto = c.getAutoCommit();
        c.setAutoCommit(false);
        try (Statement st = c.createStatement()) {
            st.execute("SELECT pg_advisory_xact_lock(hashtext('phasewise.backfill schema'))");
            for (String ddl : DDL) {
                st.execute(ddl);
            }
            c.commit();
        } catch (SQLException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(auto);
        }
    }

    static JobRow job(Connection c, String jobId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT table_name, key_columns, set_clause, where_clause, state, "
                + "coalesce(total_estimate, -1) FROM phasewise.backfill_jobs WHERE job_id = ?")) {
            ps.setString(1, jobId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
                return new JobRow(rs.getString(1), list(rs.getArray(2)), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getLong(6));
            }
        }
    }

    static List<RangeRow> ranges(Connection c, String jobId) throws SQLException {
        List<RangeRow> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT worker, range_start, range_end, checkpoint, rows_done, done "
                + "FROM phasewise.backfill_ranges WHERE job_id = ? ORDER BY worker")) {
            ps.setString(1, jobId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new RangeRow(rs.getInt(1), list(rs.getArray(2)), list(rs.getArray(3)), list(rs.getArray(4)),
                            rs.getLong(5), rs.getBoolean(6)));
                }
            }
        }
        return out;
    }

    static RangeRow range(Connection c, String jobId, int worker) throws SQLException {
        return ranges(c, jobId).stream().filter(r -> r.worker() == worker).findFirst()
                .orElseThrow(() -> new SQLException("range " + worker + " of backfill " + jobId + " disappeared"));
    }

    /** Inserts the job and its ranges in one transaction (the caller's); false when another process created it first. */
    static boolean create(Connection c, BackfillJob job, BackfillTarget target, List<List<String>> bounds,
                          long totalEstimate) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO phasewise.backfill_jobs (job_id, table_name, "
                + "key_columns, set_clause, where_clause, state, workers, total_estimate) "
                + "VALUES (?, ?, ?, ?, ?, 'running', ?, ?) ON CONFLICT (job_id) DO NOTHING")) {
            ps.setString(1, job.jobId());
            ps.setString(2, target.display());
            ps.setArray(3, c.createArrayOf("text", target.keyColumns().toArray()));
            ps.setString(4, job.set());
            ps.setString(5, job.where());
            ps.setInt(6, bounds.size() + 1);
            ps.setLong(7, totalEstimate);
            if (ps.executeUpdate() == 0) {
                return false;
            }
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO phasewise.backfill_ranges (job_id, worker, "
                + "range_start, range_end, checkpoint) VALUES (?, ?, ?, ?, ?)")) {
            for (int w = 0; w <= bounds.size(); w++) {
                List<String> start = w == 0 ? null : bounds.get(w - 1);
                List<String> end = w == bounds.size() ? null : bounds.get(w);
                ps.setString(1, job.jobId());
                ps.setInt(2, w);
                ps.setArray(3, array(c, start));
                ps.setArray(4, array(c, end));
                ps.setArray(5, array(c, start));
                ps.addBatch();
            }
            ps.executeBatch();
        }
        return true;
    }

    /**
     * Moves a range's checkpoint from {@code from} to {@code to}: the last statement of a batch's
     * transaction. Returns false when the checkpoint was not at {@code from} (another run moved it).
     */
    static boolean advance(Connection c, String jobId, int worker, List<String> from, List<String> to, long rows)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE phasewise.backfill_ranges SET checkpoint = ?, "
                + "rows_done = rows_done + ?, batches = batches + 1, updated_at = clock_timestamp() "
                + "WHERE job_id = ? AND worker = ? AND checkpoint IS NOT DISTINCT FROM ? AND NOT done")) {
            ps.setArray(1, array(c, to));
            ps.setLong(2, rows);
            ps.setString(3, jobId);
            ps.setInt(4, worker);
            ps.setArray(5, array(c, from));
            return ps.executeUpdate() == 1;
        }
    }

    /** Marks a range done, if its checkpoint is still {@code at}. */
    static boolean finishRange(Connection c, String jobId, int worker, List<String> at) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE phasewise.backfill_ranges SET done = true, "
                + "updated_at = clock_timestamp() WHERE job_id = ? AND worker = ? AND checkpoint IS NOT DISTINCT FROM ?")) {
            ps.setString(1, jobId);
            ps.setInt(2, worker);
            ps.setArray(3, array(c, at));
            return ps.executeUpdate() == 1;
        }
    }

    /** Records the job's state (autocommit statement on the control session). */
    static void state(Connection c, String jobId, String state, String error, boolean finished) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE phasewise.backfill_jobs SET state = ?, error = ?, "
                + "updated = clock_timestamp(), finished = CASE WHEN ? THEN clock_timestamp() END WHERE job_id = ?")) {
            ps.setString(1, state);
            ps.setString(2, error);
            ps.setBoolean(3, finished);
            ps.setString(4, jobId);
            ps.executeUpdate();
        }
    }

    /** Forgets a job (its ranges go with it), so that it can start over. */
    static boolean delete(Connection c, String jobId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM phasewise.backfill_jobs WHERE job_id = ?")) {
            ps.setString(1, jobId);
            return ps.executeUpdate() > 0;
        }
    }

    private static Array array(Connection c, List<String> key) throws SQLException {
        return key == null ? null : c.createArrayOf("text", key.toArray());
    }

    private static List<String> list(Array a) throws SQLException {
        if (a == null) {
            return null;
        }
        Object[] values = (Object[]) a.getArray();
        return List.copyOf(Arrays.asList(Arrays.copyOf(values, values.length, String[].class)));
    }
}
