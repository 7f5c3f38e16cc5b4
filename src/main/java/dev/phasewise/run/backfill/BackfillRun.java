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
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One run of one job: prepares it (schema, lock, key ranges), starts a {@link BackfillWorker} per
 * unfinished key range, waits for them, records how it ended and builds the outcome. Holds the state
 * the workers share (counters, latency statistics, the first failure) and turns it into progress
 * snapshots for the dispatcher.
 */
final class BackfillRun {
    /** Probe writes timed before the first batch: 5 s at the probe's pace, enough for a p99 (the 5th slowest). */
    static final int BASELINE_WRITES = 500;
    final Database db;
    final BackfillJob job;
    final BackfillTarget target;
    final BackfillControl control;
    final ProgressDispatcher dispatcher;
    final Stats stats = new Stats();
    final long started = System.nanoTime();
    final AtomicLong batches = new AtomicLong();
    final AtomicLong retries = new AtomicLong();
    final PostBatchVacuum vacuum;
    final AtomicBoolean stop = new AtomicBoolean();
    final AtomicReference<BackfillException> failure = new AtomicReference<>();
    volatile long totalEstimate = -1;
    volatile long lastBatchMillis;
    volatile int currentBatchRows;
    volatile BackfillState finalState;
    /** Pacing by measured write impact, or null when the job does not ask for it. */
    volatile WriteImpactPacing pacing;
    List<BackfillWorker> workers = List.of();
    long rowsBefore;

    BackfillRun(Database db, BackfillJob job, BackfillTarget target, BackfillControl control,
                ProgressDispatcher dispatcher) {
        this.db = db;
        this.job = job;
        this.target = target;
        this.control = control;
        this.dispatcher = dispatcher;
        this.vacuum = new PostBatchVacuum(this);
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
        List<BackfillWorker> ws = new ArrayList<>();
        for (Checkpoints.RangeRow r : ranges) {
            ws.add(new BackfillWorker(this, r));
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
        WriteProbe probe = null;
        if (job.maxWriteImpact() != null && !ws.stream().allMatch(w -> w.done)) {
            try {
                probe = startPacing();
            } catch (BackfillException e) {
                // ends like a failed batch: recorded as failed, nothing written, resumable
                failure.compareAndSet(null, e);
            }
        }
        emit(BackfillState.RUNNING, null);
        List<Thread> threads = new ArrayList<>();
        for (BackfillWorker w : ws) {
            if (!w.done && failure.get() == null && !control.isCancelled()) {
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
        if (probe != null) {
            probe.close();
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

    /**
     * Measures the probe writes' latency before the first batch (the baseline pacing compares with),
     * then keeps probing beside the workers. A probe that cannot write fails the run before any batch:
     * pacing was asked for, and a backfill that cannot see its impact must not run blind.
     */
    private WriteProbe startPacing() {
        WriteProbe probe;
        try {
            probe = WriteProbe.open(db, job.jobId());
        } catch (SQLException e) {
            throw new BackfillException("backfill " + job.jobId() + " is paced by its write impact, but its probe "
                    + "cannot write to phasewise.backfill_probe: " + db.translate(e).getMessage(), null,
                    e.getSQLState(), e);
        }
        emit(BackfillState.WAITING, "measuring the latency of writes before the first batch");
        long[] baseline;
        try {
            baseline = probe.sample(BASELINE_WRITES, control::isCancelled);
        } catch (SQLException e) {
            probe.close();
            throw new BackfillException("backfill " + job.jobId() + ": the write probe failed before the first batch: "
                    + db.translate(e).getMessage(), null, e.getSQLState(), e);
        }
        if (control.isCancelled()) {
            probe.close();
            return null;
        }
        WriteImpactPacing p = new WriteImpactPacing(job.maxWriteImpact(), WriteImpactPacing.p99(baseline));
        pacing = p;
        event(BackfillEvent.Kind.PACING, -1, "write probe before the backfill: p99 "
                + WriteImpactPacing.ms(p.baselineP99Micros()) + " over " + baseline.length + " writes; keeping it under "
                + WriteImpactPacing.ms(p.slowMicros()) + " (x" + WriteImpactPacing.fmt(p.limit()) + "), starting at "
                + p.current().describe());
        probe.start(micros -> {
            WriteImpactPacing.Move m = p.record(micros);
            if (m != null) {
                event(BackfillEvent.Kind.PACING, -1, p.describe(m));
            }
        });
        return probe;
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
                    Thread.sleep(BackfillExecutor.backoff(Math.min(attempt, 6)).toMillis());
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private void requireSameJob(Checkpoints.JobRow existing) {
        boolean same = existing.table().equals(target.display()) && Objects.equals(existing.set(), job.set())
                && Objects.equals(existing.where(), job.where())
                && existing.keyColumns().equals(target.keyColumns());
        if (!same) {
            throw new BackfillException("backfill " + job.jobId() + " exists already with another table, key, SET "
                    + "or WHERE (" + existing.table() + (existing.set() == null ? " delete" : " set " + existing.set())
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
            // one backend, not a parallel scan: these counts read the whole table once, and a parallel
            // scan would take every core of the server the application shares for that moment (on the
            // 2-core sandbox, the window's FX thread too), the load a backfill is paced to avoid
            st.execute("SET LOCAL max_parallel_workers_per_gather = 0");
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
        for (BackfillWorker w : workers) {
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
        for (BackfillWorker w : workers) {
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
        for (BackfillWorker w : workers) {
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
