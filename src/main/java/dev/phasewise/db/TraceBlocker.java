package dev.phasewise.db;

import dev.phasewise.analysis.pg.LockMode;
import dev.phasewise.analysis.sql.Identifiers;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * A session that holds (or queues for) one lock on one table until released: how the {@link Tracer}
 * makes each lock request of a statement that cannot run in a transaction wait where it can be seen.
 */
final class TraceBlocker {
    private final Connection connection;
    private final Future<?> lockRequest;
    private final long pid;
    private final long oid;
    private final LockMode mode;

    private TraceBlocker(Connection connection, Future<?> lockRequest, long pid, long oid, LockMode mode) {
        this.connection = connection;
        this.lockRequest = lockRequest;
        this.pid = pid;
        this.oid = oid;
        this.mode = mode;
    }

    static TraceBlocker start(Connection c, TraceReads.Rel rel, LockMode mode, ExecutorService pool, boolean nowait)
            throws SQLException {
        // The pid is read in autocommit mode: a SELECT inside the blocker's transaction would give it a
        // snapshot, and CREATE INDEX CONCURRENTLY waits for every transaction holding an old snapshot.
        c.setAutoCommit(true);
        long pid = TraceReads.scalar(c, "SELECT pg_backend_pid()");
        c.setAutoCommit(false);
        String lock = "LOCK TABLE ONLY " + quote(rel.name()) + " IN " + mode.sqlName() + " MODE"
                + (nowait ? " NOWAIT" : "");
        if (nowait) {
            try (Statement st = c.createStatement()) {
                st.execute(lock);
                return new TraceBlocker(c, null, pid, rel.oid(), mode);
            } catch (SQLException e) {
                c.close();
                return null;
            }
        }
        Future<?> request = pool.submit(() -> {
            try (Statement st = c.createStatement()) {
                st.execute(lock);
            }
            return null;
        });
        return new TraceBlocker(c, request, pid, rel.oid(), mode);
    }

    /** Waits until this blocker's request is granted or in the lock queue; false if it never got there. */
    boolean awaitQueued(Connection observer) throws SQLException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            try (PreparedStatement ps = observer.prepareStatement(
                    "SELECT 1 FROM pg_locks WHERE pid = ? AND relation = ? AND locktype = 'relation'")) {
                ps.setLong(1, pid);
                ps.setLong(2, oid);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        return true;
                    }
                }
            }
            Thread.sleep(1);
        }
        return false;
    }

    void release() {
        try {
            if (lockRequest != null) {
                lockRequest.get(10, TimeUnit.SECONDS);
            }
        } catch (Exception ignored) {
            // a request that never came through is ended by closing its session
        }
        try {
            connection.rollback();
            connection.close();
        } catch (SQLException ignored) {
            // the blocker only held a lock; closing is best effort
        }
    }

    /** The session's backend, whose transaction a concurrent statement may wait for. */
    long pid() {
        return pid;
    }

    /** The mode this blocker holds or asks for. */
    LockMode mode() {
        return mode;
    }

    private static String quote(String qualified) {
        int dot = qualified.indexOf('.');
        if (dot < 0) {
            return Identifiers.quote(qualified);
        }
        return Identifiers.quote(qualified.substring(0, dot)) + "."
                + Identifiers.quote(qualified.substring(dot + 1));
    }
}
