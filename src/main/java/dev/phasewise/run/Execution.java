package dev.phasewise.run;

import dev.phasewise.db.Database;
import dev.phasewise.db.DatabaseException;
import dev.phasewise.plan.Plan;
import dev.phasewise.plan.sql.Sql;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * One execution of a run: its plan, id and control, and the sessions it uses: the run lock's, the work
 * session the actions run on (opened again after a lost connection, within the reconnect patience), the
 * monitor that watches blockers, and the thread the statements run on so the runner can watch them.
 */
final class Execution implements AutoCloseable {
    final Plan plan;
    final String runId;
    final RunControl control;
    final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "phasewise-runner-sql");
        t.setDaemon(true);
        return t;
    });
    Connection lock;
    Connection work;
    int workPid;
    Connection monitor;

    private final Database db;
    private final Duration reconnectPatience;

    Execution(Database db, Duration reconnectPatience, Plan plan, String runId, RunControl control) {
        this.db = db;
        this.reconnectPatience = reconnectPatience;
        this.plan = plan;
        this.runId = runId;
        this.control = control;
    }

    /** The application_name of a run's working session: who blocks whom, and a dead runner's leftovers. */
    static String applicationName(String runId) {
        return "phasewise run " + runId;
    }

    /**
     * Takes the run's lock on a session of its own, or throws {@link RunException} (BUSY) when another runner
     * holds it, or when a statement of an earlier runner of this run is still executing.
     */
    void takeLock() {
        lock = db.newSession();
        try (Statement st = lock.createStatement()) {
            if (!RunLock.tryAcquire(lock, runId)) {
                throw new RunException(RunException.Reason.BUSY, "run " + runId + " is being run by another "
                        + "session right now (it holds the run's advisory lock)");
            }
            // a runner that died (killed, machine lost) may leave its last statement running on the server
            // until the server notices; running the action again meanwhile would race it
            List<Integer> zombies = new ArrayList<>();
            try (ResultSet z = st.executeQuery("SELECT pid FROM pg_stat_activity WHERE application_name = "
                    + Sql.literal(applicationName(runId)) + " AND state <> 'idle' ORDER BY pid")) {
                while (z.next()) {
                    zombies.add(z.getInt(1));
                }
            }
            if (!zombies.isEmpty()) {
                throw new RunException(RunException.Reason.BUSY, "a statement of run " + runId + " from an"
                        + " earlier runner is still executing (pid " + zombies + "); wait for it to end, or cancel"
                        + " it with SELECT pg_cancel_backend(pid), then resume");
            }
        } catch (SQLException e) {
            throw db.translate(e);
        }
    }

    Connection work() {
        if (work != null) {
            try {
                if (!work.isClosed()) {
                    return work;
                }
            } catch (SQLException ignored) {
                // treated as closed
            }
        }
        long deadline = System.nanoTime() + reconnectPatience.toNanos();
        while (true) {
            try {
                Connection c = db.newSession();
                try (Statement st = c.createStatement()) {
                    st.execute("SET application_name = " + Sql.literal(applicationName(runId)));
                    try (ResultSet rs = st.executeQuery("SELECT pg_backend_pid()")) {
                        rs.next();
                        workPid = rs.getInt(1);
                    }
                }
                work = c;
                return c;
            } catch (DatabaseException | SQLException e) {
                if (System.nanoTime() > deadline) {
                    throw e instanceof DatabaseException d ? d : db.translate(e);
                }
                RunStore.sleep(1000);
            }
        }
    }

    /** How often the run's lock session is checked, and the lock taken again if it went with its session. */
    static final Duration LOCK_CHECK = Duration.ofSeconds(5);

    private final ScheduledExecutorService lockKeeper =
            Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "phasewise-run-lock");
                t.setDaemon(true);
                return t;
            });

    /**
     * From now on, checks the run's lock session every {@link #LOCK_CHECK} and, when it was lost (a server
     * restart, a terminated backend), takes the lock again on a new session: else the run would be listed as
     * interrupted ({@link RunStore}) while this runner goes on, and another could resume it meanwhile. If another
     * session holds the lock by then there is nothing better to do here than to go on and try again.
     */
    void keepLock() {
        lockKeeper.scheduleWithFixedDelay(this::relock, LOCK_CHECK.toMillis(), LOCK_CHECK.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    private synchronized void relock() {
        try {
            if (lock != null && lock.isValid(2)) {
                return;
            }
            quietly(lock);
            lock = null;
            Connection c = db.newSession();
            if (RunLock.tryAcquire(c, runId)) {
                lock = c;
            } else {
                quietly(c);
            }
        } catch (SQLException | DatabaseException e) {
            // the server is still away: the next check tries again
        }
    }

    void dropWork() {
        quietly(work);
        work = null;
    }

    Connection monitor() {
        try {
            if (monitor == null || monitor.isClosed()) {
                monitor = db.newSession();
            }
        } catch (SQLException | DatabaseException e) {
            monitor = null;
        }
        return monitor;
    }

    @Override
    public void close() {
        lockKeeper.shutdownNow();
        worker.shutdownNow();
        quietly(work);
        quietly(monitor);
        synchronized (this) {
            if (lock != null) {
                RunLock.release(lock);
            }
            quietly(lock);
        }
    }

    static void quietly(Connection c) {
        if (c != null) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // closing anyway
            }
        }
    }
}
