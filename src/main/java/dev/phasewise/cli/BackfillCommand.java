package dev.phasewise.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.phasewise.db.Database;
import dev.phasewise.db.StagingGuard;
import dev.phasewise.run.EventJson;
import dev.phasewise.run.backfill.BackfillControl;
import dev.phasewise.run.backfill.BackfillEvent;
import dev.phasewise.run.backfill.BackfillException;
import dev.phasewise.run.backfill.BackfillExecutor;
import dev.phasewise.run.backfill.BackfillGuards;
import dev.phasewise.run.backfill.BackfillJob;
import dev.phasewise.run.backfill.BackfillListener;
import dev.phasewise.run.backfill.BackfillOutcome;
import dev.phasewise.run.backfill.BackfillProgress;
import dev.phasewise.run.backfill.BackfillState;
import dev.phasewise.run.backfill.BackfillTarget;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.DelegatingProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * {@code phasewise backfill}: a batched, checkpointed, resumable UPDATE (design §4). The same
 * table, key, SET and WHERE make the same job id, so running the command again after a kill or a
 * Ctrl-C continues at the checkpoint.
 */
@Command(name = "backfill", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Fill a column in keyset batches, each its own short transaction with its checkpoint.",
                "Each batch runs",
                "  UPDATE <table> SET <set> WHERE <key> in (lo, hi] [AND <where>]",
                "Resumable: run the same command again after a crash or Ctrl-C and it continues where it stopped,",
                "updating no row twice. Writes only to a database marked staging (or a staging profile with --confirm)."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:done", "1:stopped by an error, or cancelled (Ctrl-C); run again to resume",
                "2:bad options or input, cannot connect, or the database is not writable"})
final class BackfillCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ConnectionOptions connection;

    @Option(names = "--table", required = true, paramLabel = "TABLE", description = "The table (schema.table allowed)")
    String table;

    @Option(names = "--set", required = true, paramLabel = "ASSIGNMENTS",
            description = "col = expr[, col2 = expr2]: each target a column of the table, each expression one expression")
    String set;

    @Option(names = "--where", paramLabel = "COND", description = "Only rows matching it (e.g. 'summary IS NULL'): keeps re-runs idempotent")
    String where;

    @Option(names = "--key", split = ",", paramLabel = "COL", description = "Key column(s) to batch over (default: the primary key)")
    List<String> key;

    @ArgGroup(exclusive = true)
    Sizing sizing;

    static final class Sizing {
        @Option(names = "--batch-rows", paramLabel = "N", description = "Fixed batch size in rows (default 5000)")
        Integer batchRows;

        @Option(names = "--batch-ms", paramLabel = "MS", description = "Target batch duration: the size adapts to it")
        Integer batchMs;
    }

    @Option(names = "--sleep-ms", defaultValue = "0", paramLabel = "MS", description = "Pause between batches (default ${DEFAULT-VALUE})")
    int sleepMs;

    @Option(names = "--sleep-ratio", defaultValue = "0", paramLabel = "R", description = "After each batch, sleep R times "
            + "its duration (duty-cycle pacing; the longer of this and --sleep-ms; default ${DEFAULT-VALUE})")
    double sleepRatio;

    @Option(names = "--max-write-impact", paramLabel = "X", description = "Pace by measured impact: keep the p99 of a "
            + "probe write within X times its p99 before the first batch (e.g. 1.5), shortening batches and sleeping "
            + "longer between them as needed")
    Double maxWriteImpact;

    @Option(names = "--workers", defaultValue = "1", paramLabel = "N", description = "Parallel workers over disjoint key ranges (default ${DEFAULT-VALUE})")
    int workers;

    @Option(names = "--max-lag-ms", paramLabel = "MS", description = "Pause while a replica's replay lag exceeds this")
    Long maxLagMs;

    @Option(names = "--max-lag-bytes", paramLabel = "BYTES", description = "Pause while a replica lags more WAL than this")
    Long maxLagBytes;

    @Option(names = "--max-lock-waiters", paramLabel = "N", description = "Pause while more sessions than this wait for locks on the table")
    Integer maxLockWaiters;

    @Option(names = "--vacuum-every", paramLabel = "ROWS", description = "Plain VACUUM of the table every that many rows")
    Long vacuumEvery;

    @Option(names = "--lock-timeout-ms", defaultValue = "500", paramLabel = "MS", description = "Each batch's lock_timeout; a batch that waits longer retries (default ${DEFAULT-VALUE})")
    long lockTimeoutMs;

    @Option(names = "--statement-timeout-ms", defaultValue = "30000", paramLabel = "MS", description = "Each batch statement's statement_timeout (default ${DEFAULT-VALUE})")
    long statementTimeoutMs;

    @Option(names = "--job-id", paramLabel = "ID", description = "The job's id (default: derived from table, key, SET and WHERE)")
    String jobId;

    @Option(names = "--restart", description = "Forget the job's checkpoints and start from the first key")
    boolean restart;

    @Option(names = "--confirm", paramLabel = "DBNAME", description = "The database name, typed to confirm a profile that says staging")
    String confirm;

    @Option(names = "--format", defaultValue = "text", paramLabel = "FORMAT", description = "text or json (one event per line) (default: ${DEFAULT-VALUE})")
    String format;

    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (!format.equals("text") && !format.equals("json")) {
            throw new IllegalArgumentException("--format must be text or json, not " + format);
        }
        BackfillJob job = job();
        try (Database db = connection.open(err)) {
            StagingGuard.Decision decision = StagingGuard.decide(db, connection.profileSaysStaging(), confirm);
            if (!decision.writable()) {
                err.println("phasewise: refusing to backfill: " + decision.reason());
                err.flush();
                return Main.INPUT_ERROR;
            }
            BackfillExecutor executor = new BackfillExecutor(db);
            BackfillTarget target;
            try {
                target = executor.validate(job);
            } catch (BackfillException e) {
                err.println("phasewise: " + option(e) + e.getMessage());
                err.flush();
                return Main.INPUT_ERROR;
            }
            if (restart && executor.forget(job.jobId()) && format.equals("text")) {
                out.println("forgot the checkpoints of " + job.jobId() + "; starting over");
            }
            boolean json = format.equals("json");
            if (!json) {
                out.println("backfill " + job.jobId() + ": " + target.batchSqlTemplate());
                out.flush();
            }
            BackfillControl control = new BackfillControl();
            CountDownLatch finished = new CountDownLatch(1);
            Thread hook = new Thread(() -> {
                control.cancel();
                try {
                    finished.await(60, TimeUnit.SECONDS);
                } catch (InterruptedException ignored) {
                    // exiting anyway
                }
            }, "phasewise-backfill-ctrl-c");
            Runtime.getRuntime().addShutdownHook(hook);
            Reporter reporter = json ? new JsonReporter(out) : new TextReporter(out, err);
            try {
                BackfillOutcome outcome;
                try {
                    outcome = executor.execute(job, control, reporter);
                } catch (BackfillException e) {
                    reporter.close();
                    err.println("phasewise: " + option(e) + e.getMessage());
                    err.flush();
                    return Main.INPUT_ERROR;
                }
                reporter.close();
                reporter.finish(outcome);
                if (outcome.error() != null && !json) {
                    err.println("phasewise: " + outcome.error().getMessage());
                    err.flush();
                }
                return outcome.done() ? Main.OK : 1;
            } finally {
                // after the summary is printed: on Ctrl-C the JVM exits once the hook sees this
                finished.countDown();
                try {
                    Runtime.getRuntime().removeShutdownHook(hook);
                } catch (IllegalStateException shuttingDown) {
                    // Ctrl-C: the hook is running and waits for us
                }
            }
        }
    }

    /** The command-line option the problem is in, as a prefix of the message ("--set: "), or "". */
    private static String option(BackfillException e) {
        if (e.clause() == null) {
            return "";
        }
        return switch (e.clause()) {
            case SET -> "--set: ";
            case WHERE -> "--where: ";
        };
    }

    private BackfillJob job() {
        BackfillJob.Builder b = BackfillJob.builder(table, set).where(where).sleepMs(sleepMs).sleepRatio(sleepRatio)
                .maxWriteImpact(maxWriteImpact).workers(workers)
                .lockTimeout(Duration.ofMillis(lockTimeoutMs)).statementTimeout(Duration.ofMillis(statementTimeoutMs))
                .vacuumEveryRows(vacuumEvery)
                .guards(new BackfillGuards(maxLagBytes, maxLagMs == null ? null : Duration.ofMillis(maxLagMs),
                        maxLockWaiters));
        if (key != null) {
            b.keyColumns(key.stream().map(String::strip).toList());
        }
        if (sizing != null && sizing.batchRows != null) {
            b.batchRows(sizing.batchRows);
        } else if (sizing != null && sizing.batchMs != null) {
            b.batchMs(sizing.batchMs);
        }
        if (jobId != null) {
            b.jobId(jobId);
        }
        return b.build();
    }

    private interface Reporter extends BackfillListener {
        void finish(BackfillOutcome outcome);

        default void close() {
        }
    }

    /** A live bar (me.tongfei:progressbar) on standard error, lines for events, a summary at the end. */
    private static final class TextReporter implements Reporter {
        private final PrintWriter out;
        private final PrintWriter err;
        private ProgressBar bar;
        private boolean closed;

        TextReporter(PrintWriter out, PrintWriter err) {
            this.out = out;
            this.err = err;
        }

        private synchronized ProgressBar bar(BackfillProgress p) {
            if (bar == null && !closed && p.state() != BackfillState.STARTING) {
                boolean terminal = Terminal.attached();
                ProgressBarBuilder b = new ProgressBarBuilder().setTaskName("backfill")
                        .setInitialMax(p.totalEstimate() > 0 ? p.totalEstimate() : -1).setUnit(" rows", 1).showSpeed()
                        .setSpeedUnit(ChronoUnit.SECONDS).startsFrom(p.rowsDone(), Duration.ZERO);
                if (terminal) {
                    b.setStyle(ProgressBarStyle.COLORFUL_UNICODE_BLOCK).setUpdateIntervalMillis(100)
                            .setConsumer(new ConsoleProgressBarConsumer(System.err));
                } else {
                    // piped or captured: a plain line now and then instead of redrawing one line
                    b.setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(2000)
                            .setConsumer(new DelegatingProgressBarConsumer(line -> {
                                err.println(line.strip());
                                err.flush();
                            }, 200));
                }
                bar = b.build();
            }
            return bar;
        }

        @Override
        public void onProgress(BackfillProgress p) {
            ProgressBar b = bar(p);
            if (b == null) {
                return;
            }
            if (p.totalEstimate() > 0 && p.totalEstimate() != b.getMax()) {
                b.maxHint(Math.max(p.totalEstimate(), p.rowsDone()));
            }
            b.stepTo(p.rowsDone());
            String extra = " | batch " + p.batchRows() + " rows, " + p.lastBatchMillis() + " ms (p99 " + p.p99Millis()
                    + " ms)" + (p.retries() > 0 ? ", " + p.retries() + " retries" : "")
                    + (p.waitReason() != null ? " | " + p.state().name().toLowerCase(Locale.ROOT) + ": " + p.waitReason() : "")
                    // repeated between batches with the clock moved on: a batch that hangs shows here
                    + (p.state() == BackfillState.RUNNING && p.sinceCommit() != null && p.sinceCommit().toMillis() >= 1000
                    ? " | last commit " + p.sinceCommit().toMillis() / 100 / 10.0 + " s ago" : "");
            b.setExtraMessage(extra);
        }

        @Override
        public void onEvent(BackfillEvent e) {
            PrintWriter w = switch (e.kind()) {
                case STARTED, RESUMED, ALREADY_DONE -> out;
                case FINISHED, RANGE_DONE -> null;
                default -> err;
            };
            if (w != null) {
                w.println(e.message());
                w.flush();
            }
        }

        @Override
        public synchronized void close() {
            closed = true;
            if (bar != null) {
                bar.close();
                bar = null;
            }
        }

        @Override
        public void finish(BackfillOutcome o) {
            out.printf(Locale.ROOT, "%s: %s — %,d rows updated in %,d batches, %.1f s, %,.0f rows/s; batch p50 %d ms, "
                            + "p99 %d ms, max %d ms; %d retries; %,d rows in all%n", o.jobId(),
                    o.state().name().toLowerCase(Locale.ROOT), o.rowsUpdated(), o.batches(),
                    o.duration().toMillis() / 1000.0, o.rowsPerSecond(), o.p50Millis(), o.p99Millis(), o.maxMillis(),
                    o.retries(), o.rowsTotal());
            if (o.cancelled()) {
                out.println("cancelled after the last batch committed; run the same command again to resume");
            }
            out.flush();
        }
    }

    /** One JSON object per line: start/resume, progress (at most 10 a second), retries and the like, finish. */
    private static final class JsonReporter implements Reporter {
        private final PrintWriter out;
        private long lastProgress;

        JsonReporter(PrintWriter out) {
            this.out = out;
        }

        private void line(ObjectNode n) {
            line(n.toString());
        }

        private synchronized void line(String json) {
            out.println(json);
            out.flush();
        }

        @Override
        public void onProgress(BackfillProgress p) {
            long now = System.nanoTime();
            if (!p.state().finished() && now - lastProgress < 100_000_000L) {
                return;
            }
            lastProgress = now;
            // the run events' vocabulary (batch_rows, eta_ms, last_batch_ms...), written by their writer
            line(EventJson.progressLine(p));
        }

        @Override
        public void onEvent(BackfillEvent e) {
            String kind = switch (e.kind()) {
                case STARTED -> "start";
                case RESUMED -> "resume";
                case FINISHED -> null;
                default -> e.kind().name().toLowerCase(Locale.ROOT);
            };
            if (kind != null) {
                ObjectNode n = JSON.createObjectNode().put("event", kind).put("job", e.jobId()).put("message", e.message());
                if (e.worker() >= 0) {
                    n.put("worker", e.worker());
                }
                line(n);
            }
        }

        @Override
        public void finish(BackfillOutcome o) {
            ObjectNode n = JSON.createObjectNode().put("event", "finish").put("job", o.jobId())
                    .put("state", o.state().name().toLowerCase(Locale.ROOT)).put("rows_updated", o.rowsUpdated())
                    .put("rows_total", o.rowsTotal()).put("batches", o.batches()).put("retries", o.retries())
                    .put("duration_ms", o.duration().toMillis()).put("rows_per_second", Math.round(o.rowsPerSecond()))
                    .put("batch_p50_ms", o.p50Millis()).put("batch_p99_ms", o.p99Millis())
                    .put("batch_max_ms", o.maxMillis()).put("resumed", o.resumed());
            if (o.resumed()) {
                n.putPOJO("resumed_from", o.resumedFrom());
            }
            if (o.error() != null) {
                n.put("error", o.error().getMessage());
                if (o.error().sql() != null) {
                    n.put("sql", o.error().sql());
                }
            }
            line(n);
        }
    }
}
