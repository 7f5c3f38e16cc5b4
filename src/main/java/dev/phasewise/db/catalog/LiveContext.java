package dev.phasewise.db.catalog;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * What decides whether a lock can be taken right now: a DDL statement queues behind every
 * session that holds a conflicting lock, and everything else queues behind it. So before a step
 * runs, Phasewise looks at the transactions that have been open long, the sessions that hold or
 * wait for locks on the table (and who blocks whom), standbys that lag, and autovacuum at work
 * on the table (it holds a SHARE UPDATE EXCLUSIVE lock and, unless it is a wraparound vacuum,
 * cancels itself for DDL).
 */
public record LiveContext(List<Session> longTransactions, List<LockHolder> lockHolders, List<Replica> replicas,
                          List<Vacuum> vacuums) {

    /** A session: pid, user, application, state, how long its transaction has been open, its query. */
    public record Session(int pid, String user, String application, String state, Duration transactionAge,
                          String waitEvent, String query) {
    }

    /** A session holding or awaiting a lock on the table, and the pids that block it. */
    public record LockHolder(int pid, String mode, boolean granted, String application, String state,
                             Duration transactionAge, List<Integer> blockedBy, String query) {
    }

    /** A standby as the primary sees it; lag in bytes of WAL not yet replayed and in time. */
    public record Replica(String name, String address, String state, long replayLagBytes, Duration replayLag) {
    }

    /** A running vacuum on the table; {@code wraparound} ones do not give way to DDL. */
    public record Vacuum(int pid, String table, String phase, boolean autovacuum, boolean wraparound) {
    }

    /**
     * @param table          the table to look at (resolved by the server), or null for the whole server
     * @param longerThan     transactions open at least this long count as long
     */
    public static LiveContext read(Connection c, String table, Duration longerThan) throws SQLException {
        return new LiveContext(longTransactions(c, longerThan), table == null ? List.of() : lockHolders(c, table),
                replicas(c), vacuums(c, table));
    }

    private static List<Session> longTransactions(Connection c, Duration longerThan) throws SQLException {
        List<Session> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT pid, usename, application_name, state, extract(epoch FROM now() - xact_start), wait_event, query
                FROM pg_stat_activity
                WHERE xact_start IS NOT NULL AND pid <> pg_backend_pid() AND backend_type = 'client backend'
                  AND now() - xact_start >= make_interval(secs => ?)
                ORDER BY xact_start""")) {
            ps.setDouble(1, longerThan.toMillis() / 1000.0);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Session(rs.getInt(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            seconds(rs.getDouble(5)), rs.getString(6), rs.getString(7)));
                }
            }
        }
        return out;
    }

    private static List<LockHolder> lockHolders(Connection c, String table) throws SQLException {
        List<LockHolder> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT l.pid, l.mode, l.granted, a.application_name, a.state,
                       extract(epoch FROM now() - a.xact_start), pg_blocking_pids(l.pid), a.query
                FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
                WHERE l.locktype = 'relation' AND l.relation = to_regclass(?) AND l.pid <> pg_backend_pid()
                ORDER BY l.granted DESC, a.xact_start""")) {
            ps.setString(1, table);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    List<Integer> blockers = new ArrayList<>();
                    for (Integer pid : (Integer[]) rs.getArray(7).getArray()) {
                        blockers.add(pid);
                    }
                    double age = rs.getDouble(6);
                    out.add(new LockHolder(rs.getInt(1), rs.getString(2), rs.getBoolean(3), rs.getString(4),
                            rs.getString(5), rs.wasNull() ? null : seconds(age), blockers, rs.getString(8)));
                }
            }
        }
        return out;
    }

    private static List<Replica> replicas(Connection c) throws SQLException {
        List<Replica> out = new ArrayList<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("""
                SELECT application_name, client_addr::text, state,
                       CASE WHEN pg_is_in_recovery() THEN NULL ELSE pg_wal_lsn_diff(pg_current_wal_lsn(), replay_lsn) END,
                       extract(epoch FROM replay_lag)
                FROM pg_stat_replication ORDER BY application_name""")) {
            while (rs.next()) {
                double lag = rs.getDouble(5);
                out.add(new Replica(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4),
                        rs.wasNull() ? Duration.ZERO : seconds(lag)));
            }
        }
        return out;
    }

    private static List<Vacuum> vacuums(Connection c, String table) throws SQLException {
        List<Vacuum> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT p.pid, p.relid::regclass::text, p.phase, a.backend_type = 'autovacuum worker',
                       coalesce(a.query LIKE '%(to prevent wraparound)%', false)
                FROM pg_stat_progress_vacuum p JOIN pg_stat_activity a ON a.pid = p.pid
                WHERE ?::text IS NULL OR p.relid = to_regclass(?)""")) {
            ps.setString(1, table);
            ps.setString(2, table);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Vacuum(rs.getInt(1), rs.getString(2), rs.getString(3), rs.getBoolean(4),
                            rs.getBoolean(5)));
                }
            }
        }
        return out;
    }

    private static Duration seconds(double s) {
        return Duration.ofMillis(Math.round(s * 1000));
    }

    /** True when a lock taken now would queue behind someone, or someone waits already. */
    public boolean contended() {
        return lockHolders.stream().anyMatch(h -> !h.granted() || !h.blockedBy().isEmpty())
                || vacuums.stream().anyMatch(Vacuum::wraparound);
    }
}
