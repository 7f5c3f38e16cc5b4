package dev.phasewise.run;

import dev.phasewise.plan.sql.Action;
import dev.phasewise.plan.sql.Sql;
import dev.phasewise.plan.steps.Step;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * One attempt of one action's statement: executed on the execution's worker thread with the step's
 * lock_timeout and statement_timeout (a transactional action commits with its "done" row), while the
 * runner's thread waits for it and reports the sessions that block it, cancelling them when the run
 * allows it after a limit. Retrying and what a failure means are the runner's business.
 */
final class WatchedStatement {
    private static final long POLL_MS = 200;

    private final Execution x;
    private final Duration cancelBlockersAfter;
    private final Consumer<RunEvent> emit;

    /**
     * @param cancelBlockersAfter how long a statement may be blocked before its blockers' statements are
     *                            cancelled, or null to only report them
     * @param emit                the runner's event sink (called on the runner's thread)
     */
    WatchedStatement(Execution x, Duration cancelBlockersAfter, Consumer<RunEvent> emit) {
        this.x = x;
        this.cancelBlockersAfter = cancelBlockersAfter;
        this.emit = emit;
    }

    /**
     * Executes the action on {@code work} and waits for it.
     *
     * @return null when it succeeded, else its failure
     * @throws InterruptedException when the runner's thread is interrupted while waiting
     */
    SQLException run(Step step, Action action, Connection work, int seq, long t0) throws InterruptedException {
        Future<?> f = x.worker.submit(() -> {
            execute(work, action, seq, t0, x.plan.lockTimeoutFor(step), x.plan.statementTimeoutFor(step));
            return null;
        });
        return watch(step, action, f);
    }

    static void setLocalTimeouts(Statement st, String lockTimeout, String statementTimeout)
            throws SQLException {
        st.execute("SET LOCAL lock_timeout = " + Sql.literal(lockTimeout));
        st.execute("SET LOCAL statement_timeout = " + Sql.literal(statementTimeout));
    }

    /** On the worker thread. A transactional action commits together with its "done" row. */
    private void execute(Connection c, Action action, int seq, long t0, String lockTimeout, String statementTimeout)
            throws SQLException {
        try (Statement st = c.createStatement()) {
            if (action.transactional()) {
                c.setAutoCommit(false);
                try {
                    setLocalTimeouts(st, lockTimeout, statementTimeout);
                    x.control.running(st);
                    st.execute(action.sql());
                    x.control.running(null);
                    RunStore.markDone(c, x.runId, seq, (System.nanoTime() - t0) / 1_000_000);
                    c.commit();
                } catch (SQLException e) {
                    x.control.running(null);
                    try {
                        c.rollback();
                    } catch (SQLException ignored) {
                        // the connection is gone: the server rolled back
                    }
                    throw e;
                } finally {
                    try {
                        c.setAutoCommit(true);
                    } catch (SQLException ignored) {
                        // the connection is gone
                    }
                }
            } else {
                st.execute("SET lock_timeout = " + Sql.literal(lockTimeout));
                st.execute("SET statement_timeout = " + Sql.literal(statementTimeout));
                try {
                    x.control.running(st);
                    st.execute(action.sql());
                } finally {
                    x.control.running(null);
                    try {
                        st.execute("RESET lock_timeout");
                        st.execute("RESET statement_timeout");
                    } catch (SQLException ignored) {
                        // the connection is gone; a new session starts with the defaults
                    }
                }
            }
        }
    }

    /** Waits for the statement on the runner's thread, reporting who blocks it meanwhile. Null when it succeeded. */
    private SQLException watch(Step step, Action action, Future<?> f) throws InterruptedException {
        long t0 = System.nanoTime();
        Set<Integer> reported = new HashSet<>();
        Set<Integer> cancelled = new HashSet<>();
        while (true) {
            try {
                f.get(POLL_MS, TimeUnit.MILLISECONDS);
                return null;
            } catch (TimeoutException e) {
                blockers(step, action, Duration.ofNanos(System.nanoTime() - t0), reported, cancelled);
            } catch (ExecutionException e) {
                Throwable c = e.getCause();
                if (c instanceof SQLException s) {
                    return s;
                }
                if (c instanceof RuntimeException r) {
                    throw r;
                }
                throw new IllegalStateException(c);
            }
        }
    }

    private void blockers(Step step, Action action, Duration waited, Set<Integer> reported, Set<Integer> cancelled) {
        Connection m = x.monitor();
        if (m == null) {
            return;
        }
        List<RunEvent.Blocker> blockers;
        try {
            blockers = Blockers.of(m, x.workPid);
        } catch (SQLException e) {
            Execution.quietly(m);
            x.monitor = null;
            return;
        }
        if (blockers.isEmpty()) {
            return;
        }
        Set<Integer> pids = new HashSet<>();
        blockers.forEach(b -> pids.add(b.pid()));
        if (!reported.containsAll(pids)) {
            reported.addAll(pids);
            emit.accept(new RunEvent.StepBlocked(x.runId, Instant.now(), step.id(), action.id(), waited, blockers));
        }
        Duration limit = cancelBlockersAfter;
        if (limit != null && waited.compareTo(limit) >= 0) {
            List<RunEvent.Blocker> now = Blockers.cancel(m, blockers, cancelled);
            if (!now.isEmpty()) {
                emit.accept(new RunEvent.BlockersCancelled(x.runId, Instant.now(), step.id(), action.id(), now));
            }
        }
    }
}
