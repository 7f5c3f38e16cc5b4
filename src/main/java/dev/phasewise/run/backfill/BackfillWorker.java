package dev.phasewise.run.backfill;

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
 * (pause, guards, batch, sleep). The loop asks the others: {@link BatchRetries} whether and when a
 * failed batch runs again, {@link BatchSizing} how many rows the next batch takes, {@link GuardCheck}
 * whether a guard is exceeded, {@link PostBatchVacuum} whether to vacuum after a batch.
 */
final class BackfillWorker implements Runnable {
    private static final Duration GUARD_POLL = Duration.ofMillis(250);

    final BackfillRun run;
    final int index;
    private final List<String> end;
    private volatile List<String> checkpoint;
    volatile long rowsDone;
    volatile boolean done;
    volatile boolean stopped;
    volatile String waitReason;
    volatile boolean paused;
    private final BatchRetries retries;
    private final BatchSizing sizing;
    private final GuardCheck guards;
    private Connection c;
    private String lastSql;
    private long lastMillis;

    BackfillWorker(BackfillRun run, Checkpoints.RangeRow r) {
        this.run = run;
        this.index = r.worker();
        this.end = r.end();
        this.checkpoint = r.checkpoint();
        this.rowsDone = r.rowsDone();
        this.done = r.done();
        this.retries = new BatchRetries(run.job.maxRetries(), run.job.reconnectPatience());
        this.sizing = new BatchSizing(run);
        this.guards = new GuardCheck(run.target);
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
        while (!done && !run.control.isCancelled() && !run.stop.get()) {
            try {
                if (c == null) {
                    connect();
                    // a server that accepts and drops every session would otherwise loop for ever
                    int connects = retries.connected();
                    if (connects > run.job.maxRetries() + 1) {
                        throw new BackfillException("worker " + index + " of backfill " + run.job.jobId()
                                + " lost its connection " + (connects - 1) + " times without committing"
                                + " a batch; its checkpoint is at key " + BackfillTarget.keyText(checkpoint)
                                + ": run it again to continue from there");
                    }
                }
                if (!waitWhilePaused() || !waitForGuards()) {
                    break;
                }
                batch();
                retries.committed();
                if (!done) {
                    sleepAfterBatch();
                }
            } catch (SQLException e) {
                rollbackQuietly();
                retry(e);
            }
        }
    }

    /** The pause between batches: the job's fixed sleep, or its share of the last batch's duration (raised by pacing). */
    private void sleepAfterBatch() {
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

    /** After a failed batch: throws when it is not to be retried, else reports the retry and waits for it. */
    private void retry(SQLException e) {
        BatchRetries.Action action = BatchRetries.classify(e, sessionClosed());
        if (action == BatchRetries.Action.FAIL) {
            throw failure(e);
        }
        run.retries.incrementAndGet();
        BatchRetries.Wait wait = retries.next(action, System.nanoTime());
        if (wait == null) {
            throw action == BatchRetries.Action.RECONNECT ? unreachable(e) : gaveUp(e);
        }
        if (action == BatchRetries.Action.SMALLER) {
            sizing.timedOut();
        }
        String what = action == BatchRetries.Action.RECONNECT ? "connection lost" : "SQLSTATE " + e.getSQLState();
        run.event(BackfillEvent.Kind.RETRY, index, "worker " + index + ": " + what + " ("
                + BackfillTarget.firstLine(e.getMessage()) + "); retry " + wait.attempt() + " in "
                + wait.backoff().toMillis() + " ms");
        waitReason = "retry " + wait.attempt() + " after " + what + ": " + BackfillTarget.firstLine(e.getMessage());
        run.emitRunning();
        if (action == BatchRetries.Action.RECONNECT) {
            BackfillExecutor.closeQuietly(c);
            c = null;
        }
        run.control.sleepUnlessCancelled(wait.backoff());
        waitReason = null;
    }

    private boolean sessionClosed() {
        try {
            return c == null || c.isClosed();
        } catch (SQLException x) {
            return true;
        }
    }

    private BackfillException gaveUp(SQLException e) {
        return new BackfillException("worker " + index + " of backfill " + run.job.jobId()
                + " gave up after " + run.job.maxRetries() + " retries of the batch after key "
                + BackfillTarget.keyText(checkpoint) + ": " + BackfillTarget.firstLine(e.getMessage())
                + "\n  SQL: " + lastSql, lastSql, e.getSQLState(), e);
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
            String exceeded = guards.exceeded(c, g, sql -> lastSql = sql);
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

    /** One batch: boundary, update, checkpoint, commit. */
    private void batch() throws SQLException {
        int n = sizing.next();
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
                // the range's last commit waits for its WAL flush, and so makes every earlier batch of this worker
                // durable with it (WAL is flushed in order): once this worker stops, nobody would redo a batch
                // that a server crash took back, and the run would end DONE with rows never updated
                lastSql = "SELECT set_config('synchronous_commit', 'on', true)";
                st.execute(lastSql);
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
            BackfillTarget.BoundSql update = run.target.batchSql(lo, hi);
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
            sizing.took(millis);
            run.emitRunning();
            vacuumIfDue(updated);
        }
    }

    private BackfillException conflict() {
        return new BackfillException("the checkpoint of worker " + index + " of backfill " + run.job.jobId()
                + " moved under it: another run of the same job is writing it; stopping this one");
    }

    private void vacuumIfDue(long updated) throws SQLException {
        PostBatchVacuum vacuum = run.vacuum;
        if (!vacuum.claim(updated)) {
            return;
        }
        try {
            waitReason = "vacuum";
            run.emitRunning();
            vacuum.vacuum(c, index, sql -> lastSql = sql);
        } finally {
            waitReason = null;
            vacuum.release();
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
            // the connection is gone; the retry reconnects
        }
    }
}
