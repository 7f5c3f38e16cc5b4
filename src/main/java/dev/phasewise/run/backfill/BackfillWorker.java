package dev.phasewise.run.backfill;

import dev.phasewise.run.retry.SqlFailureClass;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One key range of a run: its own session, its own checkpoint, and the batch loop over the range
 * (pause, guards, batch, sleep), with the retry policy for failed batches and lost connections.
 */
final class BackfillWorker implements Runnable {
    private static final Duration GUARD_POLL = Duration.ofMillis(250);
    private static final int INITIAL_ADAPTIVE_ROWS = 1000;

    final BackfillRun run;
    final int index;
    private final List<String> end;
    private volatile List<String> checkpoint;
    volatile long rowsDone;
    volatile boolean done;
    volatile boolean stopped;
    volatile String waitReason;
    volatile boolean paused;
    private Connection c;
    private int size;
    private int shrink;
    private int generation = -1;
    private String lastSql;
    private long lastMillis;

    BackfillWorker(BackfillRun run, Checkpoints.RangeRow r) {
        this.run = run;
        this.index = r.worker();
        this.end = r.end();
        this.checkpoint = r.checkpoint();
        this.rowsDone = r.rowsDone();
        this.done = r.done();
    }

    @Override
    public void run() {
        try {
            loop();
        } catch (BackfillException e) {
            run.failure.compareAndSet(null, e);
            run.stop.set(true);
            run.control.cancel();
        } catch (RuntimeException e) {
            run.failure.compareAndSet(null, new BackfillException("worker " + index + " of backfill "
                    + run.job.jobId() + " failed: " + e, lastSql, null, e));
            run.stop.set(true);
            run.control.cancel();
        } finally {
            stopped = true;
            waitReason = null;
            BackfillExecutor.closeQuietly(c);
        }
    }

    private void loop() {
        int consecutive = 0;     // retries of the batch since the last commit
        long lostAt = 0;         // System.nanoTime() when the connection was lost; 0 while connected
        int lostAttempts = 0;    // connection attempts since then, for the back-off
        int connectsSinceBatch = 0;
        while (!done && !run.control.isCancelled() && !run.stop.get()) {
            try {
                if (c == null) {
                    connect();
                    lostAt = 0;
                    lostAttempts = 0;
                    // a server that accepts and drops every session would otherwise loop for ever
                    if (++connectsSinceBatch > run.job.maxRetries() + 1) {
                        throw new BackfillException("worker " + index + " of backfill " + run.job.jobId()
                                + " lost its connection " + (connectsSinceBatch - 1) + " times without committing"
                                + " a batch; its checkpoint is at key " + BackfillTarget.keyText(checkpoint)
                                + ": run it again to continue from there");
                    }
                }
                if (!waitWhilePaused() || !waitForGuards()) {
                    break;
                }
                batch();
                consecutive = 0;
                connectsSinceBatch = 0;
                if (!done) {
                    double ratio = run.control.sleepRatio(run.job);
                    WriteImpactPacing pacing = run.pacing;
                    if (pacing != null) {
                        ratio = Math.max(ratio, pacing.current().sleepRatio());
                    }
                    long sleep = Math.max(run.control.sleepMs(run.job), Math.round(ratio * lastMillis));
                    if (sleep > 0) {
                        run.control.await(Duration.ofMillis(sleep));
                    }
                }
            } catch (SQLException e) {
                rollbackQuietly();
                Retry retry = classify(e);
                if (retry == Retry.NO) {
                    throw failure(e);
                }
                run.retries.incrementAndGet();
                Duration backoff;
                int attempt;
                if (retry == Retry.RECONNECT) {
                    // a restart or failover is waited for by time, not by a count of attempts
                    long now = System.nanoTime();
                    if (lostAt == 0) {
                        lostAt = now;
                    }
                    Duration lost = Duration.ofNanos(now - lostAt);
                    Duration left = run.job.reconnectPatience().minus(lost);
                    if (left.isNegative() || left.isZero()) {
                        throw unreachable(e);
                    }
                    attempt = ++lostAttempts;
                    backoff = BackfillExecutor.backoff(attempt);
                    if (backoff.compareTo(left) > 0) {
                        backoff = left;
                    }
                } else {
                    attempt = ++consecutive;
                    if (consecutive > run.job.maxRetries()) {
                        throw new BackfillException("worker " + index + " of backfill " + run.job.jobId()
                                + " gave up after " + run.job.maxRetries() + " retries of the batch after key "
                                + BackfillTarget.keyText(checkpoint) + ": " + BackfillTarget.firstLine(e.getMessage())
                                + "\n  SQL: " + lastSql, lastSql, e.getSQLState(), e);
                    }
                    backoff = BackfillExecutor.backoff(attempt);
                }
                if (retry == Retry.SMALLER && size > run.job.minBatchRows()) {
                    size = Math.max(run.job.minBatchRows(), size / 2);
                    shrink = Math.min(shrink + 1, 20);
                }
                String what = retry == Retry.RECONNECT ? "connection lost" : "SQLSTATE " + e.getSQLState();
                run.event(BackfillEvent.Kind.RETRY, index, "worker " + index + ": " + what + " ("
                        + BackfillTarget.firstLine(e.getMessage()) + "); retry " + attempt + " in "
                        + backoff.toMillis() + " ms");
                waitReason = "retry " + attempt + " after " + what + ": " + BackfillTarget.firstLine(e.getMessage());
                run.emitRunning();
                if (retry == Retry.RECONNECT) {
                    BackfillExecutor.closeQuietly(c);
                    c = null;
                }
                run.control.sleepUnlessCancelled(backoff);
                waitReason = null;
            }
        }
    }

    private BackfillException unreachable(SQLException e) {
        return new BackfillException("worker " + index + " of backfill " + run.job.jobId() + " could not reconnect"
                + " for " + run.job.reconnectPatience().toSeconds() + " s (" + run.db.settings().hostsDisplay()
                + ", database \"" + run.db.settings().database() + "\"): " + BackfillTarget.firstLine(e.getMessage())
                + " (SQLSTATE " + e.getSQLState() + "); its checkpoint is at key " + BackfillTarget.keyText(checkpoint)
                + ": when the server is back, run it again to continue from there", lastSql, e.getSQLState(), e);
    }

    private void connect() throws SQLException {
        try {
            c = run.db.newSession();
        } catch (RuntimeException e) {
            throw new SQLException("cannot connect: " + e.getMessage(), "08001", e);
        }
        try (Statement st = c.createStatement()) {
            st.execute("SET application_name = 'phasewise backfill w" + index + "'");
        }
        c.setAutoCommit(false);
        // after a lost connection, the last commit may or may not have happened: the database knows
        Checkpoints.RangeRow r = Checkpoints.range(c, run.job.jobId(), index);
        c.commit();
        boolean moved = !Objects.equals(r.checkpoint(), checkpoint) || r.done() != done;
        checkpoint = r.checkpoint();
        rowsDone = r.rowsDone();
        done = r.done();
        if (moved || run.retries.get() > 0) {
            run.event(BackfillEvent.Kind.RECONNECTED, index, "worker " + index + " connected; continuing after key "
                    + BackfillTarget.keyText(checkpoint));
        }
    }

    private boolean waitWhilePaused() {
        while (run.control.isPaused() && !run.control.isCancelled() && !run.stop.get()) {
            paused = true;
            waitReason = "paused";
            run.emitRunning();
            run.control.await(Duration.ofSeconds(1));
        }
        if (paused) {
            paused = false;
            waitReason = null;
            run.emitRunning();
        }
        return !run.control.isCancelled() && !run.stop.get();
    }

    /** Blocks while a guard is exceeded; false when cancelled meanwhile. */
    private boolean waitForGuards() throws SQLException {
        boolean waited = false;
        while (true) {
            BackfillGuards g = run.control.guards(run.job);
            String exceeded = exceeded(g);
            if (exceeded == null) {
                break;
            }
            if (!waited) {
                run.event(BackfillEvent.Kind.GUARD_WAIT, index, "worker " + index + " waits: " + exceeded);
            }
            waited = true;
            waitReason = "guard: " + exceeded;
            run.emitRunning();
            run.control.await(GUARD_POLL);
            if (run.control.isCancelled() || run.stop.get()) {
                waitReason = null;
                return false;
            }
            if (run.control.isPaused()) {
                waitReason = null;
                return waitWhilePaused() && waitForGuards();
            }
        }
        if (waited) {
            waitReason = null;
            run.event(BackfillEvent.Kind.GUARD_CLEAR, index, "worker " + index + " continues: guards met");
            run.emitRunning();
        }
        return true;
    }

    private String exceeded(BackfillGuards g) throws SQLException {
        String out = null;
        if (g.maxLockWaiters() != null) {
            lastSql = LOCK_WAITERS;
            try (PreparedStatement ps = c.prepareStatement(LOCK_WAITERS)) {
                ps.setLong(1, run.target.oid());
                ps.setLong(2, run.target.oid());
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    int waiters = rs.getInt(1);
                    if (waiters > g.maxLockWaiters()) {
                        out = waiters + " sessions wait for locks on " + run.target.display() + " (limit "
                                + g.maxLockWaiters() + ")";
                    }
                }
            }
        }
        if (out == null && g.watchesReplicas()) {
            lastSql = REPLICA_LAG;
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

    /**
     * How batches are sized now: a fixed size (targetMs null) or a size adapting to targetMs, at most
     * maxRows. Pacing by write impact may cap the target duration; a fixed size then becomes the
     * adaptive size's upper bound, as a batch of that size may take longer than the pacing allows.
     */
    private record Sizing(Integer fixedRows, Integer targetMs, int maxRows) {
    }

    private Sizing sizing() {
        BackfillControl control = run.control;
        Integer fixed = control.batchRowsOverride();
        Integer target = control.batchMsOverride();
        if (fixed == null && target == null) {
            fixed = run.job.batchRows();
            target = run.job.batchMs();
        }
        WriteImpactPacing pacing = run.pacing;
        Integer cap = pacing == null ? null : pacing.current().batchMs();
        if (cap == null) {
            return new Sizing(fixed, target, run.job.maxBatchRows());
        }
        if (fixed != null) {
            return new Sizing(null, cap, Math.max(run.job.minBatchRows(), fixed));
        }
        return new Sizing(null, Math.min(target, cap), run.job.maxBatchRows());
    }

    private int batchSize() {
        BackfillControl control = run.control;
        Sizing sizing = sizing();
        if (sizing.targetMs() == null) {
            int fixed = sizing.fixedRows();
            // a fixed size shrinks only after statement timeouts, and stays shrunk for this run
            size = Math.max(Math.min(run.job.minBatchRows(), fixed), fixed >> shrink);
            return size;
        }
        if (generation != control.sizeGeneration() || size <= 0) {
            generation = control.sizeGeneration();
            size = Math.max(run.job.minBatchRows(), Math.min(sizing.maxRows(), INITIAL_ADAPTIVE_ROWS));
        }
        size = Math.min(size, sizing.maxRows());
        return size;
    }

    private void adapt(long millis) {
        Sizing sizing = sizing();
        Integer target = sizing.targetMs();
        if (target == null) {
            return;
        }
        double factor = Math.max(0.5, Math.min(2.0, target / (double) Math.max(1, millis)));
        // move part of the way, so one slow batch (a checkpoint, a vacuum) does not halve the size
        double damped = 1 + (factor - 1) * 0.5;
        size = (int) Math.max(run.job.minBatchRows(), Math.min(sizing.maxRows(), Math.round(size * damped)));
    }

    /** One batch: boundary, update, checkpoint, commit. */
    private void batch() throws SQLException {
        int n = batchSize();
        run.currentBatchRows = n;
        List<String> lo = checkpoint;
        long t0 = System.nanoTime();
        try (Statement st = c.createStatement()) {
            lastSql = "SELECT set_config('lock_timeout', ...), set_config('statement_timeout', ...)";
            st.execute("SELECT set_config('lock_timeout', '" + run.job.lockTimeout().toMillis() + "ms', true), "
                    + "set_config('statement_timeout', '" + run.job.statementTimeout().toMillis() + "ms', true)"
                    + (run.job.synchronousCommit() ? "" : ", set_config('synchronous_commit', 'off', true)"));
            BackfillTarget.BoundSql boundary = run.target.boundarySql(lo, end, n);
            lastSql = boundary.toString();
            List<String> hi = null;
            try (PreparedStatement ps = boundary.prepare(c); ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    hi = new ArrayList<>();
                    for (int k = 1; k <= run.target.keyColumns().size(); k++) {
                        hi.add(rs.getString(k));
                    }
                    hi = List.copyOf(hi);
                }
            }
            if (hi == null) {
                lastSql = "UPDATE phasewise.backfill_ranges SET done = true ...";
                if (!Checkpoints.finishRange(c, run.job.jobId(), index, lo)) {
                    c.rollback();
                    throw conflict();
                }
                c.commit();
                done = true;
                run.event(BackfillEvent.Kind.RANGE_DONE, index, "worker " + index + " finished its key range");
                run.emitRunning();
                return;
            }
            BackfillTarget.BoundSql update = run.target.updateSql(lo, hi);
            lastSql = update.toString();
            long updated;
            try (PreparedStatement ps = update.prepare(c)) {
                updated = ps.executeUpdate();
            }
            lastSql = "UPDATE phasewise.backfill_ranges SET checkpoint = ... (the batch's checkpoint)";
            if (!Checkpoints.advance(c, run.job.jobId(), index, lo, hi, updated)) {
                c.rollback();
                throw conflict();
            }
            lastSql = "COMMIT";
            c.commit();
            long millis = (System.nanoTime() - t0) / 1_000_000;
            checkpoint = hi;
            rowsDone += updated;
            run.batches.incrementAndGet();
            run.stats.batch(millis);
            run.lastBatchMillis = millis;
            lastMillis = millis;
            adapt(millis);
            run.emitRunning();
            vacuumIfDue(updated);
        }
    }

    private BackfillException conflict() {
        return new BackfillException("the checkpoint of worker " + index + " of backfill " + run.job.jobId()
                + " moved under it: another run of the same job is writing it; stopping this one");
    }

    private void vacuumIfDue(long updated) throws SQLException {
        Long every = run.job.vacuumEveryRows();
        if (every == null) {
            return;
        }
        if (run.rowsSinceVacuum.addAndGet(updated) < every || !run.vacuuming.compareAndSet(false, true)) {
            return;
        }
        try {
            run.rowsSinceVacuum.set(0);
            waitReason = "vacuum";
            run.emitRunning();
            long t0 = System.nanoTime();
            c.setAutoCommit(true);
            try (Statement st = c.createStatement()) {
                lastSql = "VACUUM (SKIP_LOCKED) " + run.target.qualifiedName();
                st.execute(lastSql);
            } finally {
                c.setAutoCommit(false);
            }
            run.event(BackfillEvent.Kind.VACUUM, index, "VACUUM " + run.target.display() + " took "
                    + (System.nanoTime() - t0) / 1_000_000 + " ms");
        } finally {
            waitReason = null;
            run.vacuuming.set(false);
        }
    }

    private BackfillException failure(SQLException e) {
        return new BackfillException("batch after key " + BackfillTarget.keyText(checkpoint) + " (worker " + index
                + " of backfill " + run.job.jobId() + ") failed: " + BackfillTarget.firstLine(e.getMessage())
                + " (SQLSTATE " + e.getSQLState() + ")\n  SQL: " + lastSql, lastSql, e.getSQLState(), e);
    }

    private void rollbackQuietly() {
        try {
            if (c != null && !c.isClosed()) {
                c.rollback();
            }
        } catch (SQLException ignored) {
            // the connection is gone; classify() will reconnect
        }
    }

    private Retry classify(SQLException e) {
        boolean closed;
        try {
            closed = c == null || c.isClosed();
        } catch (SQLException x) {
            closed = true;
        }
        if (closed) {
            return Retry.RECONNECT;
        }
        return switch (SqlFailureClass.of(e)) {
            case CONNECTION -> Retry.RECONNECT;
            case LOCK_TIMEOUT, CONFLICT -> Retry.SAME;
            // statement_timeout: a smaller batch is the cure (the runner, running DDL, stops instead)
            case CANCELED -> Retry.SMALLER;
            case FATAL -> Retry.NO;
        };
    }

    private enum Retry { NO, SAME, SMALLER, RECONNECT }

    /** Sessions other than ours waiting for a lock on the table, or for a row lock of it. */
    private static final String LOCK_WAITERS = """
            SELECT count(DISTINCT w.pid) FROM pg_locks w
            WHERE NOT w.granted AND w.pid <> pg_backend_pid()
              AND coalesce((SELECT application_name FROM pg_stat_activity a WHERE a.pid = w.pid), '')
                  NOT LIKE 'phasewise backfill%'
              AND (w.relation = ? OR EXISTS (SELECT 1 FROM pg_locks h WHERE h.pid = w.pid AND h.relation = ?))""";

    private static final String REPLICA_LAG = """
            SELECT max(pg_wal_lsn_diff(pg_current_wal_lsn(), replay_lsn))::bigint,
                   max(extract(epoch FROM replay_lag))::float8
            FROM pg_stat_replication""";
}
