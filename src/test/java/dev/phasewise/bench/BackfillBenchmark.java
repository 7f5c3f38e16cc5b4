package dev.phasewise.bench;

import dev.phasewise.db.ConnectionSettings;
import dev.phasewise.db.Database;
import dev.phasewise.run.backfill.BackfillControl;
import dev.phasewise.run.backfill.BackfillEvent;
import dev.phasewise.run.backfill.BackfillExecutor;
import dev.phasewise.run.backfill.BackfillJob;
import dev.phasewise.run.backfill.BackfillListener;
import dev.phasewise.run.backfill.BackfillOutcome;
import dev.phasewise.sandbox.Sandbox;
import dev.phasewise.sandbox.SandboxListener;
import dev.phasewise.sandbox.SandboxOptions;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Design §5, side by side in one run on the sandbox's {@code articles_article}: the single UPDATE
 * that fills {@code summary = left(body, 300)} against Phasewise's backfill (1 and 2 workers), idle
 * and with a concurrent single-row writer; heap growth with and without vacuumEveryRows; a pacing
 * curve. Every scenario runs on a fresh copy of the table ({@code bench}), vacuumed and analysed.
 * Run through bench/backfill-vs-update.sh.
 */
public final class BackfillBenchmark {
    private static final String SET = "summary = left(body, 300)";

    private final Sandbox sandbox;
    private final Database db;
    private final long minId;
    private final long maxId;
    private final List<String> report = new ArrayList<>();
    private Integer batchRows;
    private Integer batchMs = 50;
    private boolean quick;
    private boolean pacingOnly;
    private boolean syncCommit;
    private int impactRepeats;

    private BackfillBenchmark(Sandbox sandbox, Database db) throws SQLException {
        this.sandbox = sandbox;
        this.db = db;
        try (Connection c = sandbox.connect(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT min(id), max(id) FROM articles_article")) {
            rs.next();
            minId = rs.getLong(1);
            maxId = rs.getLong(2);
        }
    }

    public static void main(String[] args) throws Exception {
        long rows = 1_000_000;
        Path dir = Path.of("target/bench/backfill-sandbox");
        Integer batchRows = null;
        Integer batchMs = 50;
        boolean quick = false;
        boolean pacingOnly = false;
        boolean syncCommit = false;
        int impactRepeats = 0;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--rows" -> rows = Long.parseLong(args[++i]);
                case "--dir" -> dir = Path.of(args[++i]);
                case "--quick" -> quick = true;
                case "--pacing" -> pacingOnly = true;
                case "--sync-commit" -> syncCommit = true;
                case "--impact" -> impactRepeats = Integer.parseInt(args[++i]);
                case "--batch-rows" -> {
                    batchRows = Integer.parseInt(args[++i]);
                    batchMs = null;
                }
                case "--batch-ms" -> {
                    batchMs = Integer.parseInt(args[++i]);
                    batchRows = null;
                }
                default -> throw new IllegalArgumentException("usage: [--rows N] [--batch-rows N | --batch-ms MS] [--quick | --pacing | --impact REPEATS] [--sync-commit] [--dir D]");
            }
        }
        SandboxListener listener = new SandboxListener() {
            public void progress(String phase, long done, long total) {
                if (done == total) {
                    log("sandbox: " + phase + " done");
                }
            }

            public void message(String text) {
                log("sandbox: " + text);
            }
        };
        try (Sandbox sandbox = Sandbox.start(SandboxOptions.defaults().withDirectory(dir).withArticles(rows), listener);
             Database db = Database.open(ConnectionSettings.parse(sandbox.url()))) {
            BackfillBenchmark b = new BackfillBenchmark(sandbox, db);
            b.batchRows = batchRows;
            b.batchMs = batchMs;
            b.quick = quick;
            b.pacingOnly = pacingOnly;
            b.syncCommit = syncCommit;
            b.impactRepeats = impactRepeats;
            b.run(rows);
        }
    }

    static void log(String s) {
        System.err.println(s);
    }

    private void out(String line) {
        System.out.println(line);
        report.add(line);
    }

    // ---- the concurrent application: single-row updates by random id, from its own connection ----

    private final class Writer implements AutoCloseable {
        private final Thread thread;
        private volatile boolean stop;
        private final List<Long> micros = new ArrayList<>();

        Writer() {
            thread = new Thread(this::loop, "bench-writer");
            thread.start();
        }

        private void loop() {
            try (Connection c = sandbox.connect();
                 PreparedStatement ps = c.prepareStatement("UPDATE bench SET published_at = now() WHERE id = ?")) {
                while (!stop) {
                    ps.setLong(1, ThreadLocalRandom.current().nextLong(minId, maxId + 1));
                    long t0 = System.nanoTime();
                    ps.executeUpdate();
                    long us = (System.nanoTime() - t0) / 1000;
                    synchronized (micros) {
                        micros.add(us);
                    }
                    Thread.sleep(2);
                }
            } catch (SQLException | InterruptedException e) {
                if (!stop) {
                    log("writer failed: " + e);
                }
            }
        }

        /** Latencies since the last call (ms: p50, p99, max, count). */
        double[] take() {
            long[] v;
            synchronized (micros) {
                v = micros.stream().mapToLong(Long::longValue).toArray();
                micros.clear();
            }
            Arrays.sort(v);
            if (v.length == 0) {
                return new double[] {0, 0, 0, 0};
            }
            return new double[] {v[(int) (v.length * 0.5)] / 1000.0, v[Math.min(v.length - 1, (int) Math.ceil(v.length * 0.99) - 1)] / 1000.0,
                    v[v.length - 1] / 1000.0, v.length};
        }

        @Override
        public void close() throws InterruptedException {
            stop = true;
            thread.join();
        }
    }

    // ---- scenarios ----

    private void freshTable(long limit) throws SQLException {
        try (Connection c = sandbox.connect(); Statement st = c.createStatement()) {
            st.execute("DROP TABLE IF EXISTS bench");
            st.execute("DROP SCHEMA IF EXISTS phasewise CASCADE");
            st.execute("CREATE TABLE bench AS SELECT * FROM articles_article WHERE id <= " + limit);
            st.execute("ALTER TABLE bench ADD PRIMARY KEY (id)");
            st.execute("CREATE INDEX ON bench (author_id)");
            // the sandbox is shared with bench/ui-responsiveness.sh, whose plan run leaves a summary column behind
            st.execute("ALTER TABLE bench DROP COLUMN IF EXISTS summary");
            st.execute("ALTER TABLE bench ADD COLUMN summary text");
            st.execute("VACUUM (ANALYZE) bench");
            st.execute("CHECKPOINT");
        }
    }

    private long heapBytes() throws SQLException {
        try (Connection c = sandbox.connect(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT pg_relation_size('bench')")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private long count(String sql) throws SQLException {
        try (Connection c = sandbox.connect(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    record Result(String name, long rows, double seconds, double p50, double p99, double max, long heapBefore,
                  long heapAfter, long peakHeap, double[] writer) {
        double rate() {
            return rows / seconds;
        }
    }

    private static void resetPeaks() {
        System.gc();
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == MemoryType.HEAP) {
                p.resetPeakUsage();
            }
        }
    }

    private static long peakHeap() {
        long sum = 0;
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == MemoryType.HEAP) {
                sum += p.getPeakUsage().getUsed();
            }
        }
        return sum;
    }

    private Result singleUpdate(String name, Writer writer) throws SQLException {
        long before = heapBytes();
        if (writer != null) {
            writer.take();
        }
        long t0 = System.nanoTime();
        long n;
        try (Connection c = sandbox.connect(); Statement st = c.createStatement()) {
            n = st.executeUpdate("UPDATE bench SET " + SET);
        }
        double s = (System.nanoTime() - t0) / 1e9;
        double[] w = writer == null ? null : settleAndTake(writer);
        double ms = s * 1000;
        return new Result(name, n, s, ms, ms, ms, before, heapBytes(), 0, w);
    }

    private Result backfill(String name, Writer writer, int workers, int sleepMs, Long vacuumEvery)
            throws SQLException {
        return backfill(name, writer, workers, batchRows, batchMs, sleepMs, vacuumEvery);
    }

    private Result backfill(String name, Writer writer, int workers, Integer batchRows, Integer batchMs, int sleepMs,
                            Long vacuumEvery) throws SQLException {
        return backfill(name, writer, workers, batchRows, batchMs, sleepMs, 0, syncCommit, vacuumEvery);
    }

    private Result backfill(String name, Writer writer, int workers, Integer batchRows, Integer batchMs, int sleepMs,
                            double sleepRatio, boolean syncCommit, Long vacuumEvery) throws SQLException {
        return backfill(name, writer, workers, batchRows, batchMs, sleepMs, sleepRatio, null, syncCommit, vacuumEvery,
                new ArrayList<>());
    }

    /**
     * @param impact  the write impact limit (pacing by measurement), or null
     * @param pacing  receives the backfill's pacing events; with an impact limit, the writer's latencies
     *                count from the end of the probe's baseline (the 3 s before the first batch) on
     */
    private Result backfill(String name, Writer writer, int workers, Integer batchRows, Integer batchMs, int sleepMs,
                            double sleepRatio, Double impact, boolean syncCommit, Long vacuumEvery,
                            List<String> pacing) throws SQLException {
        long before = heapBytes();
        if (writer != null) {
            writer.take();
        }
        resetPeaks();
        BackfillJob.Builder b = BackfillJob.builder("bench", SET).workers(workers).sleepMs(sleepMs)
                .sleepRatio(sleepRatio).maxWriteImpact(impact).vacuumEveryRows(vacuumEvery).synchronousCommit(syncCommit)
                .jobId("bench/" + name);
        BackfillJob job = (batchMs != null ? b.batchMs(batchMs) : b.batchRows(batchRows)).build();
        BackfillListener events = new BackfillListener() {
            @Override
            public void onProgress(dev.phasewise.run.backfill.BackfillProgress p) {
            }

            @Override
            public void onEvent(BackfillEvent e) {
                if (e.kind() == BackfillEvent.Kind.PACING) {
                    if (pacing.isEmpty() && writer != null) {
                        writer.take();   // the baseline is measured: the backfill starts now
                    }
                    pacing.add(e.message());
                }
            }
        };
        BackfillOutcome o = new BackfillExecutor(db).execute(job, new BackfillControl(), events);
        long peak = peakHeap();
        double[] w = writer == null ? null : settleAndTake(writer);
        if (!o.done()) {
            throw new IllegalStateException(name + ": " + o.state() + " " + o.error());
        }
        return new Result(name, o.rowsUpdated(), o.duration().toNanos() / 1e9, o.p50Millis(), o.p99Millis(),
                o.maxMillis(), before, heapBytes(), peak, w);
    }

    /** Lets a write that the operation blocked finish (and be counted) before reading the latencies. */
    private static double[] settleAndTake(Writer w) {
        try {
            Thread.sleep(300);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return w.take();
    }

    private void print(Result r) {
        String writer = r.writer() == null ? "" : String.format(Locale.ROOT, " | writer p50 %.1f p99 %.1f max %.0f ms (%d writes)",
                r.writer()[0], r.writer()[1], r.writer()[2], (long) r.writer()[3]);
        out(String.format(Locale.ROOT, "%-34s %,9d rows %7.2f s %,9.0f rows/s | txn p50 %5.0f p99 %5.0f max %6.0f ms"
                        + " | heap %5.0f -> %5.0f MB (x%.2f)%s%s", r.name(), r.rows(), r.seconds(), r.rate(), r.p50(),
                r.p99(), r.max(), r.heapBefore() / 1048576.0, r.heapAfter() / 1048576.0,
                (double) r.heapAfter() / r.heapBefore(), r.peakHeap() > 0 ? String.format(Locale.ROOT,
                        " | client peak heap %.0f MB", r.peakHeap() / 1048576.0) : "", writer));
    }

    /** The writer's latencies on the fresh table with nothing else running, for this scenario's ratio. */
    private static double[] idle(Writer w) throws InterruptedException {
        Thread.sleep(500);
        w.take();
        Thread.sleep(3000);
        return w.take();
    }

    private String vsIdle(Result r, double[] idle) {
        return String.format(Locale.ROOT, "    writer alone on the same table: p50 %.1f p99 %.1f max %.0f ms; during: p99 x%.2f,"
                + " max %.0f ms", idle[0], idle[1], idle[2], r.writer()[1] / idle[1], r.writer()[2]);
    }

    /** One pacing setting: a batch size (target duration or fixed rows), a fixed sleep, a duty-cycle ratio. */
    private record Pace(Integer batchMs, Integer batchRows, int sleepMs, double ratio, boolean syncCommit) {
        String label() {
            return (batchMs != null ? "batch ~" + batchMs + " ms" : "batch " + batchRows + " rows")
                    + (sleepMs > 0 ? ", sleep " + sleepMs + " ms" : "") + (ratio > 0 ? ", sleep ratio " + ratio : "")
                    + (sleepMs == 0 && ratio == 0 ? ", no sleep" : "") + (syncCommit ? ", sync commit" : "");
        }
    }

    /** The pacing curve: 1 worker with the writer, on the first quarter of the ids. */
    private List<String> pacing(long all, long rows) throws Exception {
        out("-- pacing: 1 worker, batch size and sleep (fixed, or a ratio of each batch's duration), with the writer"
                + " (first " + Math.min(all, minId + rows / 4) + " ids) --");
        List<String> curve = new ArrayList<>();
        Pace[] settings = {
                new Pace(50, null, 0, 0, syncCommit), new Pace(20, null, 60, 0, syncCommit),
                new Pace(5, null, 45, 0, syncCommit),
                new Pace(20, null, 0, 1, syncCommit), new Pace(20, null, 0, 2, syncCommit),
                new Pace(10, null, 0, 4, syncCommit), new Pace(5, null, 0, 4, syncCommit),
                new Pace(5, null, 0, 9, syncCommit), new Pace(5, null, 0, 19, syncCommit),
                new Pace(5, null, 0, 49, syncCommit), new Pace(null, 100, 0, 4, syncCommit),
                new Pace(5, null, 0, 4, true), new Pace(5, null, 0, 9, true),
        };
        for (Pace p : settings) {
            freshTable(minId + rows / 4);
            try (Writer w = new Writer()) {
                double[] idle = idle(w);
                Result r = backfill("pacing " + p.label(), w, 1, p.batchRows(), p.batchMs(), p.sleepMs(), p.ratio(),
                        p.syncCommit(), null);
                print(r);
                double sleepPerTxn = p.ratio() > 0 ? p.ratio() : r.p50() == 0 ? 0 : p.sleepMs() / r.p50();
                curve.add(String.format(Locale.ROOT, "%-44s (sleep/txn %.1f): %,8.0f rows/s, batch p50 %.0f ms, "
                                + "writer p99 %.1f ms vs %.1f ms alone (x%.2f), max %.0f ms", p.label(), sleepPerTxn,
                        r.rate(), r.p50(), r.writer()[1], idle[1], r.writer()[1] / idle[1], r.writer()[2]));
            }
        }
        return curve;
    }

    /** A pacing setting of the impact comparison: a fixed ratio, or a write impact limit. */
    private record Impact(String label, Integer batchMs, Integer batchRows, double ratio, Double limit) {
    }

    /**
     * Pacing by measured write impact against fixed sleep ratios, each setting {@code repeats} times in
     * turn (so that a drift of the machine falls on all of them), 1 worker with the writer, on the
     * first quarter of the ids.
     */
    private void impact(long all, long rows, int repeats) throws Exception {
        out("-- pacing by write impact vs fixed sleep ratios: 1 worker, with the writer (first "
                + Math.min(all, minId + rows / 4) + " ids), " + repeats + " rounds --");
        Impact[] settings = {
                new Impact("~50 ms batches, no sleep", 50, null, 0, null),
                new Impact("~5 ms batches, ratio 9", 5, null, 9, null),
                new Impact("~5 ms batches, ratio 49", 5, null, 49, null),
                new Impact("impact 1.5, ~50 ms batches", 50, null, 0, 1.5),
                new Impact("impact 1.5, 5000-row batches", null, 5000, 0, 1.5),
                new Impact("impact 1.3, ~50 ms batches", 50, null, 0, 1.3),
        };
        List<String> lines = new ArrayList<>();
        for (int round = 1; round <= repeats; round++) {
            for (Impact s : settings) {
                freshTable(minId + rows / 4);
                try (Writer w = new Writer()) {
                    double[] idle = idle(w);
                    List<String> moves = new ArrayList<>();
                    Result r = backfill("impact " + s.label(), w, 1, s.batchRows(), s.batchMs(), 0, s.ratio(),
                            s.limit(), syncCommit, null, moves);
                    print(r);
                    moves.forEach(m -> out("    " + m));
                    String line = String.format(Locale.ROOT, "round %d  %-30s %,8.0f rows/s, writer p99 %.2f ms vs %.2f ms "
                                    + "alone (x%.2f), max %.0f ms%s", round, s.label(), r.rate(), r.writer()[1], idle[1],
                            r.writer()[1] / idle[1], r.writer()[2], s.limit() == null ? ""
                                    : ", " + (moves.size() - 1) + " pacing moves");
                    out("  " + line);
                    lines.add(line);
                }
            }
        }
        out("pacing by write impact:");
        lines.forEach(l -> out("  " + l));
    }

    private void run(long rows) throws Exception {
        long all = maxId;
        String batch = batchMs != null ? "adaptive batches of ~" + batchMs + " ms" : "batches of " + batchRows + " rows";
        out("backfill-vs-update: " + count("SELECT count(*) FROM articles_article") + " rows of articles_article, SET "
                + SET + ", " + batch + "; " + Runtime.getRuntime().availableProcessors() + " CPUs, java "
                + System.getProperty("java.version") + ", PostgreSQL " + db.serverInfo().version()
                + (syncCommit ? ", synchronous_commit on" : ", batches commit with synchronous_commit off"));

        if (impactRepeats > 0) {
            impact(all, rows, impactRepeats);
            try (Connection c = sandbox.connect(); Statement st = c.createStatement()) {
                st.execute("DROP TABLE IF EXISTS bench");
                st.execute("DROP SCHEMA IF EXISTS phasewise CASCADE");
            }
            return;
        }
        if (pacingOnly) {
            out("pacing curve:");
            pacing(all, rows).forEach(l -> out("  " + l));
            try (Connection c = sandbox.connect(); Statement st = c.createStatement()) {
                st.execute("DROP TABLE IF EXISTS bench");
                st.execute("DROP SCHEMA IF EXISTS phasewise CASCADE");
            }
            return;
        }
        out("-- idle --");
        freshTable(all);
        Result update = singleUpdate("single UPDATE", null);
        print(update);
        freshTable(all);
        Result one = backfill("backfill 1 worker", null, 1, 0, null);
        print(one);
        freshTable(all);
        Result two = backfill("backfill 2 workers", null, 2, 0, null);
        print(two);
        freshTable(all);
        Result vac = backfill("backfill 1 worker, vacuum every 5%", null, 1, 0, Math.max(1000, rows / 20));
        print(vac);
        freshTable(all);
        Result vac2 = backfill("backfill 2 workers, vacuum every 5%", null, 2, 0, Math.max(1000, rows / 20));
        print(vac2);
        if (quick) {
            out(String.format(Locale.ROOT, "idle: 1 worker / single UPDATE = %.2fx, 2 workers = %.2fx, 2 workers + vacuum = %.2fx",
                    one.rate() / update.rate(), two.rate() / update.rate(), vac2.rate() / update.rate()));
            return;
        }

        out("-- with a concurrent writer (single-row UPDATE by random id, 2 ms think time) --");
        List<Result> underWriter = new ArrayList<>();
        List<double[]> idles = new ArrayList<>();
        freshTable(all);
        try (Writer w = new Writer()) {
            double[] idle = idle(w);
            Result u = singleUpdate("single UPDATE + writer", w);
            print(u);
            out(vsIdle(u, idle));
        }
        for (int workers : new int[] {1, 2}) {
            freshTable(all);
            try (Writer w = new Writer()) {
                double[] idle = idle(w);
                Result r = backfill("backfill " + workers + "w + writer", w, workers, 0, null);
                print(r);
                out(vsIdle(r, idle));
                underWriter.add(r);
                idles.add(idle);
            }
        }

        List<String> curve = pacing(all, rows);

        out("-- summary --");
        out(String.format(Locale.ROOT, "idle: 1 worker / single UPDATE = %.2fx (target >= 1.0), 2 workers = %.2fx (target >= 1.4)",
                one.rate() / update.rate(), two.rate() / update.rate()));
        out(String.format(Locale.ROOT, "batch txn p99: 1 worker %.0f ms, 2 workers %.0f ms (target <= 100 ms); the single UPDATE holds its row locks %.0f ms",
                one.p99(), two.p99(), update.seconds() * 1000));
        for (int i = 0; i < underWriter.size(); i++) {
            Result r = underWriter.get(i);
            double[] idle = idles.get(i);
            out(String.format(Locale.ROOT, "%s: writer max %.0f ms (target: no write waits > 200 ms), p99 %.1f ms = x%.2f of its idle p99 %.1f ms (target <= 1.5)",
                    r.name(), r.writer()[2], r.writer()[1], r.writer()[1] / idle[1], idle[1]));
        }
        out(String.format(Locale.ROOT, "heap growth: without vacuum x%.2f, with vacuum every 5%% x%.2f (2 workers x%.2f) (target <= 1.35); single UPDATE x%.2f",
                (double) one.heapAfter() / one.heapBefore(), (double) vac.heapAfter() / vac.heapBefore(),
                (double) vac2.heapAfter() / vac2.heapBefore(), (double) update.heapAfter() / update.heapBefore()));
        out(String.format(Locale.ROOT, "client peak heap during a backfill: %.0f MB (1 worker), %.0f MB (2 workers)",
                one.peakHeap() / 1048576.0, two.peakHeap() / 1048576.0));
        out("pacing curve:");
        curve.forEach(l -> out("  " + l));
        try (Connection c = sandbox.connect(); Statement st = c.createStatement()) {
            st.execute("DROP TABLE IF EXISTS bench");
            st.execute("DROP SCHEMA IF EXISTS phasewise CASCADE");
        }
    }
}
