package dev.phasewise.run;

import dev.phasewise.db.Database;
import dev.phasewise.db.DatabaseException;
import dev.phasewise.plan.Phase;
import dev.phasewise.plan.Plan;
import dev.phasewise.run.retry.SqlFailureClass;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A run's state, kept in the target database itself (schema {@code phasewise}) so that any machine that
 * can reach the database can see and resume the run. The DDL is versioned by a row
 * {@code ('runs', N)} in {@code phasewise.schema_version}; {@link #ensureSchema} brings an older layout up
 * to date (version 1 is the first). Every write goes through the connection pool and is retried while the
 * server is unreachable (up to the reconnect patience), so a lost session does not lose state.
 */
public final class RunStore {
    public static final int SCHEMA_VERSION = 1;
    static final String COMPONENT = "runs";

    private static final String[] V1 = {
        """
        CREATE TABLE IF NOT EXISTS phasewise.runs (
            run_id text PRIMARY KEY,
            plan_name text NOT NULL,
            plan_hash text NOT NULL,
            plan_file text,
            started_at timestamptz NOT NULL DEFAULT clock_timestamp(),
            finished_at timestamptz,
            status text NOT NULL,
            host text,
            "user" text,
            phasewise_version text,
            message text)""",
        """
        CREATE TABLE IF NOT EXISTS phasewise.run_steps (
            run_id text NOT NULL REFERENCES phasewise.runs ON DELETE CASCADE,
            seq int NOT NULL,
            phase text NOT NULL,
            step_id text NOT NULL,
            action_id text NOT NULL,
            sql text NOT NULL,
            transactional boolean NOT NULL,
            status text NOT NULL DEFAULT 'pending'
                CHECK (status IN ('pending', 'running', 'done', 'failed', 'skipped')),
            attempts int NOT NULL DEFAULT 0,
            started_at timestamptz,
            finished_at timestamptz,
            duration_ms bigint,
            error text,
            verified boolean,
            verification_result text,
            PRIMARY KEY (run_id, seq))""",
        """
        CREATE TABLE IF NOT EXISTS phasewise.run_gates (
            run_id text NOT NULL REFERENCES phasewise.runs ON DELETE CASCADE,
            phase text NOT NULL,
            gate text,
            item text NOT NULL,
            confirmed_by text NOT NULL,
            confirmed_at timestamptz NOT NULL DEFAULT clock_timestamp(),
            PRIMARY KEY (run_id, phase, item))""",
        """
        CREATE TABLE IF NOT EXISTS phasewise.run_events (
            id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            run_id text NOT NULL REFERENCES phasewise.runs ON DELETE CASCADE,
            at timestamptz NOT NULL,
            kind text NOT NULL,
            step_id text,
            payload jsonb NOT NULL)""",
        "CREATE INDEX IF NOT EXISTS run_events_run_idx ON phasewise.run_events (run_id, id)"
    };

    private final Database db;
    private final Duration patience;

    public RunStore(Database db, Duration patience) {
        this.db = db;
        this.patience = patience;
    }

    interface Work<T> {
        T apply(Connection c) throws SQLException;
    }

    /** Runs {@code work} on a pooled connection, retrying while the connection is lost (server restart). */
    <T> T with(Work<T> work) {
        long deadline = System.nanoTime() + patience.toNanos();
        while (true) {
            try (Connection c = db.connection()) {
                return work.apply(c);
            } catch (SQLException e) {
                if (SqlFailures.classify(e) != SqlFailureClass.CONNECTION || System.nanoTime() > deadline) {
                    throw db.translate(e);
                }
            } catch (DatabaseException e) {
                if (System.nanoTime() > deadline || !connectionProblem(e)) {
                    throw e;
                }
            }
            sleep(500);
        }
    }

    private static boolean connectionProblem(DatabaseException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException s && SqlFailures.classify(s) == SqlFailureClass.CONNECTION) {
                return true;
            }
        }
        return e.problem() == DatabaseException.Problem.CONNECTION_LOST
                || e.problem() == DatabaseException.Problem.CONNECTION_REFUSED;
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** Whether the state tables exist at all (nothing is created by asking). */
    public boolean exists() {
        return with(c -> {
            try (Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT to_regclass('phasewise.runs') IS NOT NULL")) {
                rs.next();
                return rs.getBoolean(1);
            }
        });
    }

    /** Creates the schema and tables, or migrates them to {@link #SCHEMA_VERSION}. */
    public void ensureSchema() {
        with(c -> {
            c.setAutoCommit(false);
            try (Statement st = c.createStatement()) {
                st.execute("SELECT pg_advisory_xact_lock(hashtext('phasewise.schema'))");
                st.execute("CREATE SCHEMA IF NOT EXISTS phasewise");
                st.execute("""
                        CREATE TABLE IF NOT EXISTS phasewise.schema_version (
                            component text PRIMARY KEY,
                            version int NOT NULL,
                            updated_at timestamptz NOT NULL DEFAULT now())""");
                int version = 0;
                try (ResultSet rs = st.executeQuery("SELECT version FROM phasewise.schema_version WHERE component = '"
                        + COMPONENT + "'")) {
                    if (rs.next()) {
                        version = rs.getInt(1);
                    }
                }
                if (version > SCHEMA_VERSION) {
                    c.rollback();
                    throw new IllegalStateException("the run state in schema phasewise is version " + version
                            + ", newer than this Phasewise knows (" + SCHEMA_VERSION + "): upgrade Phasewise");
                }
                if (version < 1) {
                    for (String ddl : V1) {
                        st.execute(ddl);
                    }
                }
                // later versions: if (version < 2) { ALTER TABLE ... }
                st.execute("INSERT INTO phasewise.schema_version (component, version) VALUES ('" + COMPONENT + "', "
                        + SCHEMA_VERSION + ") ON CONFLICT (component) DO UPDATE SET version = EXCLUDED.version, "
                        + "updated_at = now()");
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
            return null;
        });
    }

    void createRun(RunRecord r, List<ActionRecord> actions) {
        with(c -> {
            c.setAutoCommit(false);
            try {
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO phasewise.runs (run_id, plan_name, plan_hash,"
                        + " plan_file, status, host, \"user\", phasewise_version) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
                    ps.setString(1, r.runId());
                    ps.setString(2, r.planName());
                    ps.setString(3, r.planHash());
                    ps.setString(4, r.planFile());
                    ps.setString(5, r.status().label());
                    ps.setString(6, r.host());
                    ps.setString(7, r.user());
                    ps.setString(8, r.phasewiseVersion());
                    ps.executeUpdate();
                }
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO phasewise.run_steps (run_id, seq, phase,"
                        + " step_id, action_id, sql, transactional) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                    for (ActionRecord a : actions) {
                        ps.setString(1, r.runId());
                        ps.setInt(2, a.seq());
                        ps.setString(3, a.phase().label());
                        ps.setString(4, a.stepId());
                        ps.setString(5, a.actionId());
                        ps.setString(6, a.sql());
                        ps.setBoolean(7, a.transactional());
                        ps.addBatch();
                    }
                    ps.executeBatch();
                }
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
            return null;
        });
    }

    public Optional<RunRecord> run(String runId) {
        if (!exists()) {
            return Optional.empty();
        }
        return with(c -> {
            try (PreparedStatement ps = c.prepareStatement(RUN_COLUMNS + " WHERE run_id = ?")) {
                ps.setString(1, runId);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(run(rs)) : Optional.<RunRecord>empty();
                }
            }
        });
    }

    /** Every run, newest first. */
    public List<RunRecord> runs() {
        if (!exists()) {
            return List.of();
        }
        return with(c -> {
            List<RunRecord> out = new ArrayList<>();
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(RUN_COLUMNS
                    + " ORDER BY started_at DESC")) {
                while (rs.next()) {
                    out.add(run(rs));
                }
            }
            return out;
        });
    }

    /**
     * The latest run of exactly this plan (same {@link PlanFingerprint}) when it stopped before its end
     * (interrupted, failed, cancelled or waiting at a gate): what a window opened after a crash offers to
     * resume. Empty when there is none, or when the plan's latest run succeeded or is still running.
     */
    public Optional<RunRecord> latestResumable(Plan plan) {
        String fingerprint = PlanFingerprint.of(plan);
        return runs().stream().filter(r -> r.planName().equals(plan.name()) && fingerprint.equals(r.planHash()))
                .findFirst().filter(r -> r.status().resumable());
    }

    /**
     * A run stored as running whose lock nobody holds is reported interrupted: its runner is gone (a runner
     * that ends in any way but being killed records how it ended). Computed on every read, never stored, so
     * that a resumed run is running again as soon as its new runner holds the lock.
     */
    private static final String RUN_COLUMNS = "SELECT run_id, plan_name, plan_hash, plan_file, started_at, finished_at,"
            + " CASE WHEN status = 'running' AND NOT " + RunLock.heldSql("run_id") + " THEN 'interrupted'"
            + " ELSE status END, host, \"user\", phasewise_version, message FROM phasewise.runs";

    private static RunRecord run(ResultSet rs) throws SQLException {
        return new RunRecord(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), instant(rs, 5),
                instant(rs, 6), RunStatus.parse(rs.getString(7)), rs.getString(8), rs.getString(9), rs.getString(10),
                rs.getString(11));
    }

    private static Instant instant(ResultSet rs, int i) throws SQLException {
        Timestamp t = rs.getTimestamp(i);
        return t == null ? null : t.toInstant();
    }

    public List<ActionRecord> actions(String runId) {
        return with(c -> {
            List<ActionRecord> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT seq, phase, step_id, action_id, sql, transactional,"
                    + " status, attempts, started_at, finished_at, duration_ms, error, verified, verification_result"
                    + " FROM phasewise.run_steps WHERE run_id = ? ORDER BY seq")) {
                ps.setString(1, runId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        long d = rs.getLong(11);
                        Long duration = rs.wasNull() ? null : d;
                        boolean v = rs.getBoolean(13);
                        Boolean verified = rs.wasNull() ? null : v;
                        out.add(new ActionRecord(rs.getInt(1), Phase.valueOf(rs.getString(2).toUpperCase(
                                Locale.ROOT)), rs.getString(3), rs.getString(4), rs.getString(5),
                                rs.getBoolean(6), StepStatus.parse(rs.getString(7)), rs.getInt(8), instant(rs, 9),
                                instant(rs, 10), duration, rs.getString(12), verified, rs.getString(14)));
                    }
                }
            }
            return out;
        });
    }

    /** The checklist items confirmed so far, per phase. */
    public Map<Phase, Set<String>> confirmedGateItems(String runId) {
        return with(c -> {
            Map<Phase, Set<String>> out = new HashMap<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT phase, item FROM phasewise.run_gates WHERE run_id = ?"
                    + " ORDER BY confirmed_at")) {
                ps.setString(1, runId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.computeIfAbsent(Phase.valueOf(rs.getString(1).toUpperCase(Locale.ROOT)),
                                k -> new LinkedHashSet<>()).add(rs.getString(2));
                    }
                }
            }
            return out;
        });
    }

    void confirmGate(String runId, Phase phase, String gate, String item, String by) {
        update("INSERT INTO phasewise.run_gates (run_id, phase, gate, item, confirmed_by) VALUES (?, ?, ?, ?, ?)"
                + " ON CONFLICT DO NOTHING", runId, phase.label(), gate, item, by);
    }

    void actionRunning(String runId, int seq, int attempt) {
        update("UPDATE phasewise.run_steps SET status = 'running', attempts = ?, started_at = clock_timestamp(),"
                + " finished_at = NULL, duration_ms = NULL, error = NULL WHERE run_id = ? AND seq = ?", attempt, runId, seq);
    }

    /** The statement that marks an action done; run inside the action's own transaction for transactional ones. */
    static final String DONE_SQL = "UPDATE phasewise.run_steps SET status = 'done', finished_at = clock_timestamp(),"
            + " duration_ms = ?, error = NULL WHERE run_id = ? AND seq = ?";

    static void markDone(Connection c, String runId, int seq, long durationMs) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(DONE_SQL)) {
            ps.setLong(1, durationMs);
            ps.setString(2, runId);
            ps.setInt(3, seq);
            ps.executeUpdate();
        }
    }

    void actionDone(String runId, int seq, long durationMs) {
        update(DONE_SQL, durationMs, runId, seq);
    }

    void actionEnded(String runId, int seq, StepStatus status, String error) {
        update("UPDATE phasewise.run_steps SET status = ?, finished_at = clock_timestamp(), error = ? WHERE run_id = ?"
                + " AND seq = ?", status.label(), error, runId, seq);
    }

    /** Marks the step's actions that had not finished as skipped (the step verified as already done). */
    void skipUnfinished(String runId, String stepId, String why) {
        update("UPDATE phasewise.run_steps SET status = 'skipped', error = ? WHERE run_id = ? AND step_id = ?"
                + " AND status <> 'done'", why, runId, stepId);
    }

    void stepVerified(String runId, String stepId, Boolean verified, String result) {
        update("UPDATE phasewise.run_steps SET verified = ?, verification_result = ? WHERE run_id = ? AND step_id = ?",
                verified, result, runId, stepId);
    }

    void runStatus(String runId, RunStatus status, String message, boolean finished) {
        update("UPDATE phasewise.runs SET status = ?, message = ?, finished_at = " + (finished ? "clock_timestamp()"
                : "NULL") + " WHERE run_id = ?", status.label(), message, runId);
    }

    /**
     * The run's logged events, in order, read back through {@link EventJson} (the model that wrote them, so
     * that names cannot drift apart). Rows this version does not know (a kind added later) are left out.
     */
    public List<RunEvent> events(String runId) {
        return with(c -> {
            List<RunEvent> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT payload::text FROM phasewise.run_events WHERE run_id = ? ORDER BY id")) {
                ps.setString(1, runId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        EventJson.fromJson(rs.getString(1)).ifPresent(out::add);
                    }
                }
            }
            return out;
        });
    }

    void event(RunEvent e) {
        update("INSERT INTO phasewise.run_events (run_id, at, kind, step_id, payload) VALUES (?, ?, ?, ?, ?::jsonb)",
                e.runId(), Timestamp.from(e.at()), e.kind(), e.stepId(), EventJson.toJson(e));
    }

    private void update(String sql, Object... args) {
        with(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                for (int i = 0; i < args.length; i++) {
                    if (args[i] == null) {
                        ps.setNull(i + 1, sql.contains("verified = ?") && i == 0 ? Types.BOOLEAN
                                : Types.VARCHAR);
                    } else {
                        ps.setObject(i + 1, args[i]);
                    }
                }
                return ps.executeUpdate();
            }
        });
    }
}
