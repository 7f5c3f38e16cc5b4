package dev.phasewise.run.backfill;

import dev.phasewise.db.Database;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs backfill jobs: keyset batches over the key, each batch one short transaction that updates
 * the rows with key in (lo, hi] and moves the worker's checkpoint to hi in the same transaction, so
 * that a crash at any instant leaves every row either updated with its checkpoint past it, or not
 * updated with the checkpoint before it. With N workers the key range is split once, when the job
 * is created, into N disjoint ranges by key quantiles; each range has its own worker, session and
 * checkpoint. See docs/backfill.md.
 *
 * <p>The executor itself does not decide whether a database may be written (the staging guard is
 * the caller's business, as for every step the runner executes).
 */
public final class BackfillExecutor {
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(10);
    private static final Duration GUARD_POLL = Duration.ofMillis(250);
    private static final int INITIAL_ADAPTIVE_ROWS = 1000;

    private final Database db;

    public BackfillExecutor(Database db) {
        this.db = db;
    }

    /**
     * Checks the job against the catalog without writing anything (no schema, no checkpoint).
     *
     * @throws BackfillException naming the problem
     */
    public BackfillTarget validate(BackfillJob job) {
        try (Connection c = db.newSession()) {
            return BackfillTarget.resolve(c, job);
        } catch (SQLException e) {
            throw new BackfillException(db.translate(e).getMessage(), null, e.getSQLState(), e);
        }
    }

    /** The stored state of a job, or empty when it never ran (reads only; the checkpoint tables may not exist). */
    public Optional<JobStatus> status(String jobId) {
        try (Connection c = db.newSession(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT to_regclass('phasewise.backfill_ranges') IS NOT NULL")) {
            rs.next();
            if (!rs.getBoolean(1)) {
                return Optional.empty();
            }
            Checkpoints.JobRow row = Checkpoints.job(c, jobId);
            if (row == null) {
                return Optional.empty();
            }
            List<Checkpoints.RangeRow> ranges = Checkpoints.ranges(c, jobId);
            List<String> at = ranges.stream().map(r -> r.done() ? "done" : BackfillTarget.keyText(r.checkpoint())).toList();
            return Optional.of(new JobStatus(jobId, row.state(), ranges.stream().mapToLong(Checkpoints.RangeRow::rowsDone).sum(),
                    row.totalEstimate(), at));
        } catch (SQLException e) {
            throw db.translate(e);
        }
    }

    /**
     * A job's stored state.
     *
     * @param checkpoints per key range, its checkpoint key, "(start)" before the first batch, or "done"
     */
    public record JobStatus(String jobId, String state, long rowsDone, long totalEstimate, List<String> checkpoints) {
    }

    /** Forgets a job's checkpoints, so that the next run starts from the first key. */
    public boolean forget(String jobId) {
        try (Connection c = db.newSession()) {
            Checkpoints.ensureSchema(c);
            return Checkpoints.delete(c, jobId);
        } catch (SQLException e) {
            throw db.translate(e);
        }
    }

    /** Runs the job to completion, cancellation or failure, blocking the calling thread. */
    public BackfillOutcome execute(BackfillJob job) {
        return execute(job, new BackfillControl(), BackfillListener.NONE);
    }

    /**
     * Runs the job to completion, cancellation or failure, blocking the calling thread. Input
     * problems (unknown table or column, an invalid expression) throw {@link BackfillException}
     * before anything is written; a batch failure that is not retried ends in an outcome with state
     * FAILED and the error. Interrupting the calling thread cancels like {@link BackfillControl#cancel()}.
     */
    public BackfillOutcome execute(BackfillJob job, BackfillControl control, BackfillListener listener) {
        Connection session;
        BackfillTarget target;
        session = db.newSession();
        try {
            target = BackfillTarget.resolve(session, job);
        } catch (SQLException e) {
            closeQuietly(session);
            throw new BackfillException(db.translate(e).getMessage(), null, e.getSQLState(), e);
        } catch (RuntimeException e) {
            closeQuietly(session);
            throw e;
        }
        try (ProgressDispatcher dispatcher = new ProgressDispatcher(job.jobId(), listener)) {
            Run run = new Run(job, target, control, dispatcher);
            try {
                return run.execute(session);
            } finally {
                closeQuietly(session);
            }
        }
    }

    private static void closeQuietly(Connection c) {
        try {
            if (c != null) {
                c.close();
            }
        } catch (SQLException ignored) {
            // closing a broken session
        }
    }

    /** One run of one job: shared state of its workers. */
    private final class Run {
        final BackfillJob job;
        final BackfillTarget target;
        final BackfillControl control;
        final ProgressDispatcher dispatcher;
        final Stats stats = new Stats();
        final long started = System.nanoTime();
        final AtomicLong batches = new AtomicLong();
        final AtomicLong retries = new AtomicLong();
        final AtomicLong rowsSinceVacuum = new AtomicLong();
        final AtomicBoolean vacuuming = new AtomicBoolean();
        final AtomicBoolean stop = new AtomicBoolean();
        final AtomicReference<BackfillException> failure = new AtomicReference<>();
        volatile long totalEstimate = -1;
        volatile long lastBatchMillis;
        volatile int currentBatchRows;
        volatile BackfillState finalState;
        List<Worker> workers = List.of();
        long rowsBefore;

        Run(BackfillJob job, BackfillTarget target, BackfillControl control, ProgressDispatcher dispatcher) {
            this.job = job;
            this.target = target;
            this.control = control;
            this.dispatcher = dispatcher;
        }

        void event(BackfillEvent.Kind kind, int worker, String message) {
            dispatcher.event(new BackfillEvent(Instant.now(), job.jobId(), kind, worker, message));
        }

        BackfillOutcome execute(Connection session) {
            List<Checkpoints.RangeRow> ranges;
            boolean resumed;
            try {
                Checkpoints.ensureSchema(session);
                // one run of a job at a time: the lock goes with this session (also when the process dies)
                if (!tryLock(session)) {
                    throw new BackfillException("backfill " + job.jobId() + " is already running in another "
                            + "session; wait for it, or cancel it there");
                }
                Checkpoints.JobRow existing = Checkpoints.job(session, job.jobId());
                if (existing != null) {
                    requireSameJob(existing);
                    resumed = true;
                    totalEstimate = existing.totalEstimate();
                } else {
                    resumed = false;
                    emit(BackfillState.STARTING, null);
                    create(session);
                }
                ranges = Checkpoints.ranges(session, job.jobId());
                Checkpoints.state(session, job.jobId(), "running", null, false);
            } catch (SQLException e) {
                throw new BackfillException("cannot prepare backfill " + job.jobId() + ": "
                        + db.translate(e).getMessage(), null, e.getSQLState(), e);
            }
            rowsBefore = ranges.stream().mapToLong(Checkpoints.RangeRow::rowsDone).sum();
            List<String> resumedFrom = resumed ? ranges.stream()
                    .map(r -> r.done() ? "done" : BackfillTarget.keyText(r.checkpoint())).toList() : List.of();
            boolean startedBefore = ranges.stream().anyMatch(r -> r.done() || r.rowsDone() > 0
                    || r.checkpoint() != null && !r.checkpoint().equals(r.start()));
            List<Worker> ws = new ArrayList<>();
            for (Checkpoints.RangeRow r : ranges) {
                ws.add(new Worker(this, r));
            }
            workers = ws;
            if (ranges.stream().allMatch(Checkpoints.RangeRow::done)) {
                event(BackfillEvent.Kind.ALREADY_DONE, -1, "backfill " + job.jobId() + " was already complete ("
                        + rowsBefore + " rows); nothing to do");
            } else if (resumed && startedBefore) {
                event(BackfillEvent.Kind.RESUMED, -1, "resuming backfill " + job.jobId() + " at key "
                        + String.join(", ", resumedFrom) + " (" + rowsBefore + " rows done before)"
                        + (ranges.size() != job.workers() ? "; its key range is split in " + ranges.size()
                        + " ranges, so it runs " + ranges.size() + " workers" : ""));
            } else {
                event(BackfillEvent.Kind.STARTED, -1, "starting backfill " + job.jobId() + " of " + target.display()
                        + " over key (" + String.join(", ", target.keyColumns()) + ") with " + ranges.size()
                        + " worker(s); about " + totalEstimate + " rows");
            }
            emit(BackfillState.RUNNING, null);
            List<Thread> threads = new ArrayList<>();
            for (Worker w : ws) {
                if (!w.done) {
                    Thread t = new Thread(w, "phasewise-backfill " + job.jobId() + " w" + w.index);
                    t.setDaemon(true);
                    threads.add(t);
                    t.start();
                }
            }
            for (Thread t : threads) {
                while (t.isAlive()) {
                    try {
                        t.join();
                    } catch (InterruptedException e) {
                        control.cancel();
                    }
                }
            }
            BackfillException error = failure.get();
            boolean allDone = ws.stream().allMatch(w -> w.done);
            BackfillState state = error != null ? BackfillState.FAILED : allDone ? BackfillState.DONE
                    : BackfillState.CANCELLED;
            finalState = state;
            recordEnd(session, state, error);
            long rowsTotal = rowsTotal();
            Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
            event(BackfillEvent.Kind.FINISHED, -1, "backfill " + job.jobId() + " " + state.name().toLowerCase()
                    + ": " + (rowsTotal - rowsBefore) + " rows in " + batches.get() + " batches, "
                    + elapsed.toMillis() + " ms");
            emit(state, error == null ? null : error.getMessage());
            return new BackfillOutcome(job.jobId(), state, rowsTotal - rowsBefore, rowsTotal, batches.get(),
                    retries.get(), elapsed, stats.percentile(0.5), stats.percentile(0.99), stats.max(), resumed,
                    resumedFrom, error);
        }

        /** Takes the job's advisory lock for this session (released when it ends); false if another session holds it. */
        private boolean tryLock(Connection c) throws SQLException {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT pg_try_advisory_lock(hashtextextended('phasewise.backfill ' || ?, 0))")) {
                ps.setString(1, job.jobId());
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getBoolean(1);
                }
            }
        }

        /**
         * Records how the run ended and releases the job's lock. When the control session was lost
         * (a server restart took the lock with it) the state goes through a new session, within the
         * job's reconnect patience: the row is informational (the checkpoints are what resumes), but a
         * finished job should not be shown as running.
         */
        private void recordEnd(Connection session, BackfillState state, BackfillException error) {
            String stored = state == BackfillState.DONE ? "done" : state == BackfillState.FAILED ? "failed" : "cancelled";
            String message = error == null ? null : error.getMessage();
            try {
                Checkpoints.state(session, job.jobId(), stored, message, state == BackfillState.DONE);
                try (PreparedStatement ps = session.prepareStatement(
                        "SELECT pg_advisory_unlock(hashtextextended('phasewise.backfill ' || ?, 0))")) {
                    ps.setString(1, job.jobId());
                    ps.execute();
                }
                return;
            } catch (SQLException e) {
                // the control session is gone: its lock went with it
            }
            long deadline = System.nanoTime() + job.reconnectPatience().toNanos();
            for (int attempt = 1; ; attempt++) {
                try (Connection c = db.newSession()) {
                    // another run may have started meanwhile: its state is its own to write
                    if (tryLock(c)) {
                        Checkpoints.state(c, job.jobId(), stored, message, state == BackfillState.DONE);
                    }
                    return;
                } catch (SQLException | RuntimeException e) {
                    if (System.nanoTime() > deadline) {
                        return;
                    }
                    try {
                        Thread.sleep(backoff(Math.min(attempt, 6)).toMillis());
                    } catch (InterruptedException ie) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
            }
        }

        private void requireSameJob(Checkpoints.JobRow existing) {
            boolean same = existing.table().equals(target.display()) && existing.set().equals(job.set())
                    && Objects.equals(existing.where(), job.where())
                    && existing.keyColumns().equals(target.keyColumns());
            if (!same) {
                throw new BackfillException("backfill " + job.jobId() + " exists already with another table, key, SET "
                        + "or WHERE (" + existing.table() + " set " + existing.set()
                        + (existing.where() == null ? "" : " where " + existing.where())
                        + "); use another job id, or forget the old job first");
            }
        }

        /** Splits the key range and stores the job with its ranges, in one transaction. */
        private void create(Connection c) throws SQLException {
            List<List<String>> bounds = new ArrayList<>();
            long total;
            c.setAutoCommit(false);
            try (Statement st = c.createStatement()) {
                st.execute("SET LOCAL statement_timeout = '120s'");
                long rows = count(st, target.countSql(false));
                total = target.countSql(true).equals(target.countSql(false)) ? rows : count(st, target.countSql(true));
                for (int i = 1; i < job.workers() && rows > 0; i++) {
                    long offset = i * rows / job.workers() - 1;
                    if (offset < 0) {
                        continue;
                    }
                    try (ResultSet rs = st.executeQuery(target.keyAtSql(offset))) {
                        if (rs.next()) {
                            List<String> key = new ArrayList<>();
                            for (int k = 1; k <= target.keyColumns().size(); k++) {
                                key.add(rs.getString(k));
                            }
                            if (bounds.isEmpty() || !bounds.get(bounds.size() - 1).equals(key)) {
                                bounds.add(List.copyOf(key));
                            }
                        }
                    }
                }
                if (!Checkpoints.create(c, job, target, bounds, total)) {
                    c.rollback();
                    throw new BackfillException("backfill " + job.jobId() + " was created by another session just now");
                }
                c.commit();
                totalEstimate = total;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        }

        private long count(Statement st, String sql) throws SQLException {
            try (ResultSet rs = st.executeQuery(sql)) {
                rs.next();
                return rs.getLong(1);
            }
        }

        long rowsTotal() {
            long sum = 0;
            for (Worker w : workers) {
                sum += w.rowsDone;
            }
            return sum;
        }

        /** Builds a snapshot and hands it to the dispatcher; never blocks on the listener. */
        void emit(BackfillState state, String reason) {
            long now = System.nanoTime();
            long rows = rowsTotal();
            double rate = stats.rate(now, rows - rowsBefore);
            Duration eta = null;
            if (totalEstimate > 0 && rate > 0) {
                eta = Duration.ofMillis((long) (Math.max(0, totalEstimate - rows) / rate * 1000));
            }
            int running = 0;
            for (Worker w : workers) {
                if (!w.done && !w.stopped) {
                    running++;
                }
            }
            dispatcher.progress(new BackfillProgress(job.jobId(), state, rows, totalEstimate, rate, eta,
                    currentBatchRows, lastBatchMillis, stats.percentile(0.5), stats.percentile(0.99), batches.get(),
                    retries.get(), reason, running, Duration.ofNanos(now - started)));
        }

        /** The state to report while running: waiting or paused if any worker is. */
        void emitRunning() {
            String reason = null;
            BackfillState state = BackfillState.RUNNING;
            for (Worker w : workers) {
                String r = w.waitReason;
                if (r != null) {
                    reason = r;
                    state = w.paused ? BackfillState.PAUSED : BackfillState.WAITING;
                    break;
                }
            }
            emit(state, reason);
        }
    }

    /** One key range: its own session, its own checkpoint. */
    private final class Worker implements Runnable {
        final Run run;
        final int index;
        final List<String> end;
        volatile List<String> checkpoint;
        volatile long rowsDone;
        volatile boolean done;
        volatile boolean stopped;
        volatile String waitReason;
        volatile boolean paused;
        Connection c;
        int size;
        int shrink;
        int generation = -1;
        String lastSql;

        Worker(Run run, Checkpoints.RangeRow r) {
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
                closeQuietly(c);
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
                        int sleep = run.control.sleepMs(run.job);
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
                        backoff = backoff(attempt);
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
                        backoff = backoff(attempt);
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
                        closeQuietly(c);
                        c = null;
                    }
                    run.control.sleepUnlessCancelled(backoff);
                    waitReason = null;
                }
            }
        }

        private BackfillException unreachable(SQLException e) {
            return new BackfillException("worker " + index + " of backfill " + run.job.jobId() + " could not reconnect"
                    + " for " + run.job.reconnectPatience().toSeconds() + " s (" + db.settings().hostsDisplay()
                    + ", database \"" + db.settings().database() + "\"): " + BackfillTarget.firstLine(e.getMessage())
                    + " (SQLSTATE " + e.getSQLState() + "); its checkpoint is at key " + BackfillTarget.keyText(checkpoint)
                    + ": when the server is back, run it again to continue from there", lastSql, e.getSQLState(), e);
        }

        private void connect() throws SQLException {
            try {
                c = db.newSession();
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

        private int batchSize() {
            BackfillControl control = run.control;
            Integer fixed = control.batchRowsOverride();
            Integer target = control.batchMsOverride();
            if (fixed == null && target == null) {
                fixed = run.job.batchRows();
                target = run.job.batchMs();
            }
            if (fixed != null) {
                // a fixed size shrinks only after statement timeouts, and stays shrunk for this run
                size = Math.max(Math.min(run.job.minBatchRows(), fixed), fixed >> shrink);
                return size;
            }
            if (generation != control.sizeGeneration() || size <= 0) {
                generation = control.sizeGeneration();
                size = Math.max(run.job.minBatchRows(), Math.min(run.job.maxBatchRows(), INITIAL_ADAPTIVE_ROWS));
            }
            return size;
        }

        private void adapt(long millis) {
            Integer target = run.control.batchMsOverride();
            if (target == null && run.control.batchRowsOverride() == null) {
                target = run.job.batchMs();
            }
            if (target == null) {
                return;
            }
            double factor = Math.max(0.5, Math.min(2.0, target / (double) Math.max(1, millis)));
            // move part of the way, so one slow batch (a checkpoint, a vacuum) does not halve the size
            double damped = 1 + (factor - 1) * 0.5;
            size = (int) Math.max(run.job.minBatchRows(), Math.min(run.job.maxBatchRows(), Math.round(size * damped)));
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
                lastSql = run.target.boundarySql(lo, end, n);
                List<String> hi = null;
                try (ResultSet rs = st.executeQuery(lastSql)) {
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
                lastSql = run.target.updateSql(lo, hi);
                long updated = st.executeUpdate(lastSql);
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
            String state = e.getSQLState() == null ? "" : e.getSQLState();
            boolean closed;
            try {
                closed = c == null || c.isClosed();
            } catch (SQLException x) {
                closed = true;
            }
            if (closed || state.startsWith("08") || state.equals("57P01") || state.equals("57P02")
                    || state.equals("57P03")) {
                return Retry.RECONNECT;
            }
            if (state.equals("55P03") || state.equals("40P01") || state.equals("40001")) {
                return Retry.SAME;
            }
            if (state.equals("57014")) {
                return Retry.SMALLER;
            }
            return Retry.NO;
        }
    }

    private enum Retry { NO, SAME, SMALLER, RECONNECT }

    /** Exponential back-off with full jitter over the upper half: 50 ms, 100 ms, ... capped at 10 s. */
    static Duration backoff(int attempt) {
        long base = Math.min(MAX_BACKOFF.toMillis(), 50L << Math.min(20, attempt - 1));
        long jittered = base / 2 + ThreadLocalRandom.current().nextLong(base / 2 + 1);
        return Duration.ofMillis(jittered);
    }

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
