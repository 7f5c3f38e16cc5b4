package dev.phasewise.run;

import dev.phasewise.plan.sql.Sql;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The lock that makes one runner per run: a session-level advisory lock on the key
 * {@code (hashtext('phasewise.run'), hashtext(run_id))}, held by the runner's own session for as long as it
 * runs. It goes with that session, so a runner that is killed (kill -9, a lost machine) leaves none behind:
 * a run whose row says {@code running} while nobody holds its lock is {@link RunStatus#INTERRUPTED}. The key is
 * written here only, for taking the lock and for asking who holds it.
 */
final class RunLock {
    private RunLock() {
    }

    /** Takes the run's lock on {@code session} if it is free; false when another session holds it. */
    static boolean tryAcquire(Connection session, String runId) throws SQLException {
        try (Statement st = session.createStatement();
             ResultSet rs = st.executeQuery("SELECT pg_try_advisory_lock(hashtext('phasewise.run'), hashtext("
                     + Sql.literal(runId) + "))")) {
            rs.next();
            return rs.getBoolean(1);
        }
    }

    /**
     * Gives the lock back before the session closes. Closing alone would release it too, but only once
     * the server's backend has finished exiting, after the client has moved on: a run that ended by an
     * exception would then still read as running for a moment instead of interrupted.
     */
    static void release(Connection session) {
        try (Statement st = session.createStatement()) {
            st.execute("SELECT pg_advisory_unlock_all()");
        } catch (SQLException e) {
            // the session is gone already, and its lock with it
        }
    }

    /**
     * An SQL condition, true when some session holds the lock of the run whose id is the expression
     * {@code runIdSql} (a column of the query it goes in). A two-key advisory lock shows in pg_locks with its
     * keys as classid and objid (as oid: the int4 cast gives the same unsigned value) and objsubid 2.
     */
    static String heldSql(String runIdSql) {
        return "EXISTS (SELECT 1 FROM pg_locks l WHERE l.locktype = 'advisory' AND l.granted"
                + " AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())"
                + " AND l.classid = hashtext('phasewise.run')::oid AND l.objid = hashtext(" + runIdSql + ")::oid"
                + " AND l.objsubid = 2)";
    }
}
