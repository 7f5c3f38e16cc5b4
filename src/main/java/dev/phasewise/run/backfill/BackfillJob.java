package dev.phasewise.run.backfill;

import dev.phasewise.plan.steps.Backfill;
import dev.phasewise.plan.steps.BatchedStep;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * What to backfill and how: immutable; build one with {@link #builder(String, String)},
 * {@link #deleting(String)} or {@link #from(BatchedStep, String)}. Nothing here touches the database:
 * {@link BackfillExecutor} checks the table, the key and the {@code SET} list against the catalog
 * before it writes anything.
 *
 * <p>A job's batches UPDATE the rows of their key range that match the filter with its {@code SET}
 * list, or, for a job without one ({@link #deletes()}), DELETE them: everything else (ranges,
 * checkpoints, sizing, pacing, guards, resume) is the same.
 *
 * <p>Batch sizing is either fixed ({@link #batchRows()}) or adaptive: {@link #batchMs()} is the
 * target duration of one batch transaction, and the size moves between {@link #minBatchRows()} and
 * {@link #maxBatchRows()} to reach it.
 */
public final class BackfillJob {
    public static final int DEFAULT_BATCH_ROWS = Backfill.DEFAULT_BATCH_ROWS;
    public static final int DEFAULT_MIN_BATCH_ROWS = 100;
    public static final int DEFAULT_MAX_BATCH_ROWS = 50_000;
    public static final Duration DEFAULT_LOCK_TIMEOUT = Duration.ofMillis(500);
    public static final Duration DEFAULT_STATEMENT_TIMEOUT = Duration.ofSeconds(30);
    public static final int DEFAULT_MAX_RETRIES = 30;
    public static final Duration DEFAULT_RECONNECT_PATIENCE = Duration.ofSeconds(60);

    private final String jobId;
    private final String table;
    private final List<String> keyColumns;
    private final String set;
    private final String where;
    private final Integer batchRows;
    private final Integer batchMs;
    private final int minBatchRows;
    private final int maxBatchRows;
    private final int sleepMs;
    private final double sleepRatio;
    private final Double maxWriteImpact;
    private final int workers;
    private final BackfillGuards guards;
    private final Long vacuumEveryRows;
    private final Duration lockTimeout;
    private final Duration statementTimeout;
    private final int maxRetries;
    private final Duration reconnectPatience;
    private final boolean synchronousCommit;

    private BackfillJob(Builder b) {
        this.table = require(b.table, "table");
        this.set = b.deletes ? null : require(b.set, "set");
        this.keyColumns = List.copyOf(b.keyColumns);
        this.where = b.where == null || b.where.isBlank() ? null : b.where.strip();
        this.jobId = b.jobId != null ? b.jobId : adHocId(table, keyColumns, set, where);
        if (b.batchRows != null && b.batchMs != null) {
            throw new IllegalArgumentException("choose either a fixed batch size (batch rows) or a target batch duration"
                    + " (batch ms), not both");
        }
        this.batchMs = b.batchMs;
        this.batchRows = b.batchRows == null && b.batchMs == null ? Integer.valueOf(DEFAULT_BATCH_ROWS) : b.batchRows;
        this.minBatchRows = b.minBatchRows;
        this.maxBatchRows = b.maxBatchRows;
        this.sleepMs = b.sleepMs;
        this.sleepRatio = b.sleepRatio;
        this.maxWriteImpact = b.maxWriteImpact;
        this.workers = b.workers;
        this.guards = b.guards == null ? BackfillGuards.NONE : b.guards;
        this.vacuumEveryRows = b.vacuumEveryRows;
        this.lockTimeout = b.lockTimeout;
        this.statementTimeout = b.statementTimeout;
        this.maxRetries = b.maxRetries;
        this.reconnectPatience = b.reconnectPatience;
        this.synchronousCommit = b.synchronousCommit;
        check(batchRows == null || batchRows > 0, "the batch size must be positive");
        check(batchMs == null || batchMs > 0, "the target batch duration must be positive");
        check(minBatchRows > 0 && minBatchRows <= maxBatchRows, "need 0 < min batch rows <= max batch rows");
        check(sleepMs >= 0, "the sleep between batches must not be negative");
        check(sleepRatio >= 0 && sleepRatio <= 100, "the sleep ratio must be between 0 and 100");
        check(maxWriteImpact == null || maxWriteImpact > 1 && maxWriteImpact <= 100,
                "the write impact limit must be more than 1 and at most 100 (times the writes' p99 before the backfill)");
        check(workers >= 1 && workers <= 64, "workers must be between 1 and 64");
        check(vacuumEveryRows == null || vacuumEveryRows > 0, "vacuum-every must be a positive number of rows");
        check(!lockTimeout.isNegative() && !lockTimeout.isZero(), "the lock timeout must be positive");
        check(!statementTimeout.isNegative() && !statementTimeout.isZero(), "the statement timeout must be positive");
        check(maxRetries >= 0, "max retries must not be negative");
        check(!reconnectPatience.isNegative(), "the reconnect patience must not be negative");
        check(!jobId.isBlank(), "the job id is empty");
    }

    private static String require(String v, String what) {
        if (v == null || v.isBlank()) {
            throw new IllegalArgumentException("the backfill needs a " + what);
        }
        return v.strip();
    }

    private static void check(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }

    /**
     * A job for a plan's batched step (a backfill, or a batched delete when it has no SET): id
     * {@code runId + "/" + step id}, settings from the step.
     */
    public static BackfillJob from(BatchedStep step, String runId) {
        Builder b = (step.set() == null ? deleting(step.table()) : builder(step.table(), step.set()))
                .jobId(runId + "/" + step.id()).where(step.where());
        if (step.key() != null && !step.key().isBlank()) {
            b.keyColumns(Arrays.stream(step.key().split(",")).map(String::strip).toList());
        }
        if (step.batchMs() != null) {
            b.batchMs(step.batchMs());
        } else {
            b.batchRows(step.rowsPerBatch());
        }
        if (step.sleepMs() != null) {
            b.sleepMs(step.sleepMs());
        }
        if (step.sleepRatio() != null) {
            b.sleepRatio(step.sleepRatio());
        }
        b.maxWriteImpact(step.maxWriteImpact());
        return b.build();
    }

    /** The id the command line gives a job: stable for the same table, key, SET and WHERE, so that a re-run resumes it. */
    public static String adHocId(String table, List<String> key, String set, String where) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            // a delete has no SET: "DELETE" can be no SET list (that needs "column = value")
            String canonical = table.strip() + "\0" + String.join(",", key) + "\0" + (set == null ? "DELETE"
                    : set.strip()) + "\0"
                    + (where == null ? "" : where.strip());
            byte[] h = md.digest(canonical.getBytes(StandardCharsets.UTF_8));
            return "cli/" + table.strip() + "/" + HexFormat.of().formatHex(h, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public static Builder builder(String table, String set) {
        return new Builder(table, set, false);
    }

    /** A job whose batches DELETE the rows of their range that match the filter. */
    public static Builder deleting(String table) {
        return new Builder(table, null, true);
    }

    public Builder toBuilder() {
        Builder b = new Builder(table, set, set == null).jobId(jobId).keyColumns(keyColumns).where(where).sleepMs(sleepMs)
                .sleepRatio(sleepRatio).maxWriteImpact(maxWriteImpact)
                .workers(workers).guards(guards).vacuumEveryRows(vacuumEveryRows).lockTimeout(lockTimeout)
                .statementTimeout(statementTimeout).maxRetries(maxRetries).batchBounds(minBatchRows, maxBatchRows)
                .reconnectPatience(reconnectPatience).synchronousCommit(synchronousCommit);
        b.batchRows = batchRows;
        b.batchMs = batchMs;
        return b;
    }

    public String jobId() {
        return jobId;
    }

    /** As given: {@code table} or {@code schema.table}. */
    public String table() {
        return table;
    }

    /** The key columns; empty = the table's primary key. */
    public List<String> keyColumns() {
        return keyColumns;
    }

    /** The SET list; null when the batches delete ({@link #deletes()}). */
    public String set() {
        return set;
    }

    /** Whether the batches DELETE the matching rows of their range rather than UPDATE them. */
    public boolean deletes() {
        return set == null;
    }

    /** The filter, or null. */
    public String where() {
        return where;
    }

    /** The fixed batch size, or null when the size adapts to {@link #batchMs()}. */
    public Integer batchRows() {
        return batchRows;
    }

    /** The target batch duration, or null for a fixed size. */
    public Integer batchMs() {
        return batchMs;
    }

    public int minBatchRows() {
        return minBatchRows;
    }

    public int maxBatchRows() {
        return maxBatchRows;
    }

    public int sleepMs() {
        return sleepMs;
    }

    /**
     * Duty-cycle pacing: after each batch the worker sleeps this many times the batch's own duration
     * (ratio 2 after a 20 ms batch: 40 ms), or {@link #sleepMs()} if that is longer. A ratio of r lets
     * the application have the table to itself r/(r+1) of the time, whatever the batch size does.
     */
    public double sleepRatio() {
        return sleepRatio;
    }

    /**
     * Pacing by measured impact: the backfill keeps the p99 of a probe write (see docs/backfill.md)
     * within this many times its p99 before the first batch, shortening batches and lengthening the
     * sleeps between them as needed; null when off. The sleeps it chooses are at least
     * {@link #sleepRatio()} and {@link #sleepMs()}.
     */
    public Double maxWriteImpact() {
        return maxWriteImpact;
    }

    public int workers() {
        return workers;
    }

    public BackfillGuards guards() {
        return guards;
    }

    /** Plain VACUUM of the table every that many rows, or null. */
    public Long vacuumEveryRows() {
        return vacuumEveryRows;
    }

    public Duration lockTimeout() {
        return lockTimeout;
    }

    public Duration statementTimeout() {
        return statementTimeout;
    }

    /** Consecutive retries of one batch before the job stops. */
    public int maxRetries() {
        return maxRetries;
    }

    /**
     * How long a worker keeps reconnecting after its connection was lost (server restart, failover,
     * terminated session) before the job fails; counted from the first failure of the streak, with
     * the usual back-off between attempts. Not counted against {@link #maxRetries()}.
     */
    public Duration reconnectPatience() {
        return reconnectPatience;
    }

    /**
     * Whether a batch's COMMIT waits for its WAL flush (the server's {@code synchronous_commit}). By
     * default it does not ({@code SET LOCAL synchronous_commit = off}): a server crash may then lose
     * the last batches, but each batch loses its rows and its checkpoint together, and a worker
     * always re-reads its checkpoint after reconnecting, so those batches are simply done again. A
     * worker's last commit, the one that marks its range done, is synchronous: it stops reconnecting
     * after it, so its batches must all be durable by then.
     */
    public boolean synchronousCommit() {
        return synchronousCommit;
    }

    @Override
    public String toString() {
        return "backfill " + jobId + ": " + (set == null ? "delete from " + table : table + " set " + set)
                + (where == null ? "" : " where " + where);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BackfillJob j && j.toBuilderKey().equals(toBuilderKey());
    }

    @Override
    public int hashCode() {
        return toBuilderKey().hashCode();
    }

    private List<Object> toBuilderKey() {
        return Arrays.asList(jobId, table, keyColumns, set, where, batchRows, batchMs, minBatchRows, maxBatchRows,
                sleepMs, sleepRatio, maxWriteImpact, workers, guards, vacuumEveryRows, lockTimeout, statementTimeout, maxRetries,
                reconnectPatience, synchronousCommit);
    }

    public static final class Builder {
        private final String table;
        private final String set;
        private final boolean deletes;
        private String jobId;
        private List<String> keyColumns = List.of();
        private String where;
        private Integer batchRows;
        private Integer batchMs;
        private int minBatchRows = DEFAULT_MIN_BATCH_ROWS;
        private int maxBatchRows = DEFAULT_MAX_BATCH_ROWS;
        private int sleepMs;
        private double sleepRatio;
        private Double maxWriteImpact;
        private int workers = 1;
        private BackfillGuards guards = BackfillGuards.NONE;
        private Long vacuumEveryRows;
        private Duration lockTimeout = DEFAULT_LOCK_TIMEOUT;
        private Duration statementTimeout = DEFAULT_STATEMENT_TIMEOUT;
        private int maxRetries = DEFAULT_MAX_RETRIES;
        private Duration reconnectPatience = DEFAULT_RECONNECT_PATIENCE;
        private boolean synchronousCommit;

        private Builder(String table, String set, boolean deletes) {
            this.table = table;
            this.set = set;
            this.deletes = deletes;
        }

        public Builder jobId(String id) {
            this.jobId = id;
            return this;
        }

        public Builder keyColumns(List<String> columns) {
            this.keyColumns = List.copyOf(Objects.requireNonNull(columns));
            return this;
        }

        public Builder where(String w) {
            this.where = w;
            return this;
        }

        /** Fixed batch size (clears a target duration). */
        public Builder batchRows(int rows) {
            this.batchRows = rows;
            this.batchMs = null;
            return this;
        }

        /** Adaptive batch size aiming at this duration (clears a fixed size). */
        public Builder batchMs(int ms) {
            this.batchMs = ms;
            this.batchRows = null;
            return this;
        }

        public Builder batchBounds(int min, int max) {
            this.minBatchRows = min;
            this.maxBatchRows = max;
            return this;
        }

        public Builder sleepMs(int ms) {
            this.sleepMs = ms;
            return this;
        }

        /** See {@link BackfillJob#sleepRatio()}; default 0 (no duty-cycle sleep). */
        public Builder sleepRatio(double ratio) {
            this.sleepRatio = ratio;
            return this;
        }

        /** See {@link BackfillJob#maxWriteImpact()}; null (the default) turns it off. */
        public Builder maxWriteImpact(Double limit) {
            this.maxWriteImpact = limit;
            return this;
        }

        public Builder workers(int n) {
            this.workers = n;
            return this;
        }

        public Builder guards(BackfillGuards g) {
            this.guards = g;
            return this;
        }

        public Builder vacuumEveryRows(Long rows) {
            this.vacuumEveryRows = rows;
            return this;
        }

        public Builder lockTimeout(Duration d) {
            this.lockTimeout = Objects.requireNonNull(d);
            return this;
        }

        public Builder statementTimeout(Duration d) {
            this.statementTimeout = Objects.requireNonNull(d);
            return this;
        }

        public Builder maxRetries(int n) {
            this.maxRetries = n;
            return this;
        }

        /** See {@link BackfillJob#reconnectPatience()}; default 60 s. */
        public Builder reconnectPatience(Duration d) {
            this.reconnectPatience = Objects.requireNonNull(d);
            return this;
        }

        /** See {@link BackfillJob#synchronousCommit()}; default false. */
        public Builder synchronousCommit(boolean on) {
            this.synchronousCommit = on;
            return this;
        }

        /** @throws IllegalArgumentException naming what is wrong */
        public BackfillJob build() {
            return new BackfillJob(this);
        }
    }
}
