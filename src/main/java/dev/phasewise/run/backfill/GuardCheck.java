package dev.phasewise.run.backfill;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.function.Consumer;

/**
 * The guards' questions to the server, asked from a worker's session before each batch: how many
 * other sessions wait for a lock on the table, and how far the replicas lag behind. Kept apart from
 * the batch loop, which only needs the answer (a limit exceeded, or none) to decide whether to wait.
 */
final class GuardCheck {
    /** Sessions other than ours waiting for a lock on the table, or for a row lock of it. */
    static final String LOCK_WAITERS = """
            SELECT count(DISTINCT w.pid) FROM pg_locks w
            WHERE NOT w.granted AND w.pid <> pg_backend_pid()
              AND coalesce((SELECT application_name FROM pg_stat_activity a WHERE a.pid = w.pid), '')
                  NOT LIKE 'phasewise backfill%'
              AND (w.relation = ? OR EXISTS (SELECT 1 FROM pg_locks h WHERE h.pid = w.pid AND h.relation = ?))""";

    static final String REPLICA_LAG = """
            SELECT max(pg_wal_lsn_diff(pg_current_wal_lsn(), replay_lsn))::bigint,
                   max(extract(epoch FROM replay_lag))::float8
            FROM pg_stat_replication""";

    private final BackfillTarget target;

    GuardCheck(BackfillTarget target) {
        this.target = target;
    }

    /**
     * The first guard exceeded now, described for the user, or null when all are met. Commits, so
     * that the session does not sit idle in a transaction (holding a snapshot) while the worker waits.
     *
     * @param sending told each statement before it is sent, for the failure message if it fails
     */
    String exceeded(Connection c, BackfillGuards g, Consumer<String> sending) throws SQLException {
        String out = null;
        if (g.maxLockWaiters() != null) {
            sending.accept(LOCK_WAITERS);
            try (PreparedStatement ps = c.prepareStatement(LOCK_WAITERS)) {
                ps.setLong(1, target.oid());
                ps.setLong(2, target.oid());
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    int waiters = rs.getInt(1);
                    if (waiters > g.maxLockWaiters()) {
                        out = waiters + " sessions wait for locks on " + target.display() + " (limit "
                                + g.maxLockWaiters() + ")";
                    }
                }
            }
        }
        if (out == null && g.watchesReplicas()) {
            sending.accept(REPLICA_LAG);
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(REPLICA_LAG)) {
                rs.next();
                long bytes = rs.getLong(1);
                boolean hasBytes = !rs.wasNull();
                double seconds = rs.getDouble(2);
                boolean hasSeconds = !rs.wasNull();
                if (g.maxLagBytes() != null && hasBytes && bytes > g.maxLagBytes()) {
                    out = "replica lag " + bytes + " bytes (limit " + g.maxLagBytes() + ")";
                } else if (g.maxLag() != null && hasSeconds && seconds * 1000 > g.maxLag().toMillis()) {
                    out = "replica lag " + Math.round(seconds * 1000) + " ms (limit " + g.maxLag().toMillis() + " ms)";
                }
            }
        }
        c.commit();
        return out;
    }
}
