package dev.phasewise.bench;

import dev.phasewise.db.ConnectionSettings;
import dev.phasewise.db.Profiles;
import dev.phasewise.plan.Plan;
import dev.phasewise.plan.steps.Backfill;
import dev.phasewise.plan.steps.Step;
import dev.phasewise.sandbox.Sandbox;
import dev.phasewise.sandbox.SandboxListener;
import dev.phasewise.sandbox.SandboxOptions;
import dev.phasewise.ui.app.MainWindow;
import dev.phasewise.ui.app.PlanRunControls;
import dev.phasewise.ui.conn.ConnectedDatabase;
import dev.phasewise.ui.model.Documents;
import dev.phasewise.ui.window.MainViewModel;
import dev.phasewise.ui.window.MainViewModel.StepStatus;
import dev.phasewise.ui.window.UiPrefs;
import javafx.animation.AnimationTimer;
import javafx.application.Platform;
import javafx.scene.control.Button;
import javafx.stage.Stage;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Statement;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.prefs.Preferences;

/**
 * Is the window responsive while a backfill runs? The main window, headless (Monocle, as the TestFX
 * tests run it), connected as staging to the sandbox with its articles (1 M by default), runs the
 * sample plan through its Run button. An AnimationTimer stamps every FX pulse: the gaps between
 * pulses while the backfill step runs are set against the gaps while the window sat idle just
 * before, in the same run. A listener counts the live view's updates per second of backfill: progress
 * values the window applied that changed the live panel's text (a new batch's figures, or between
 * batches the engine's refresh of elapsed, ETA and the age of the batch in flight). Targets (issue 6): no pulse gap over 50 ms, at least 10 progress updates a
 * second. Run through bench/ui-responsiveness.sh.
 */
public final class UiResponsivenessBenchmark {
    private static final int IDLE = 0;
    private static final int BACKFILL = 1;
    private static final int OTHER = 2;

    /** Pulse gaps in nanoseconds, per phase; written on the FX thread only. */
    private final long[][] gaps = new long[3][2_000_000];
    private final int[] gapCount = new int[3];
    private volatile int phase = OTHER;
    private long lastPulse = -1;
    private long backfillStart;
    private long backfillEnd;
    private long idleStart;
    private long idleEnd;
    /** Progress values the window applied while the backfill step ran, and those that changed the live view's text. */
    private int progressUpdates;
    private int viewUpdates;
    /** Of those, the ones that brought a new batch's figures (rows done changed); the rest refreshed the clock. */
    private int batchUpdates;
    private long lastRowsDone;
    private String lastViewText = "";
    private long lastViewUpdate;
    private long longestStill;
    private long firstViewUpdate;
    /** The gaps over 50 ms: when (into the phase), the FX thread's own CPU time in it, GC time in it. */
    private final java.util.List<String> longGaps = new java.util.ArrayList<>();
    private long lastCpu;
    private long lastRenderCpu;
    private long renderThread = -1;
    private long lastGc;
    private long lastProcess;
    /** The JVM's CPU time, all its threads (JIT compilers and GC included): the rest of a gap is other processes. */
    private static final com.sun.management.OperatingSystemMXBean PROCESS =
            (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
    private static final java.lang.management.ThreadMXBean THREADS = java.lang.management.ManagementFactory.getThreadMXBean();
    private Integer batchMs;

    public static void main(String[] args) throws Exception {
        long rows = 1_000_000;
        Path dir = Path.of("target/bench/backfill-sandbox");
        int idleSeconds = 5;
        Integer batchMs = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--rows" -> rows = Long.parseLong(args[++i]);
                case "--dir" -> dir = Path.of(args[++i]);
                case "--idle-seconds" -> idleSeconds = Integer.parseInt(args[++i]);
                case "--batch-ms" -> batchMs = Integer.parseInt(args[++i]);
                default -> throw new IllegalArgumentException("usage: [--rows N] [--dir D] [--idle-seconds S] "
                        + "[--batch-ms MS (the backfill sized by time instead of the sample's 5000 rows)]");
            }
        }
        headless();
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
        try (Sandbox sandbox = Sandbox.start(SandboxOptions.defaults().withDirectory(dir).withArticles(rows), listener)) {
            resetTable(sandbox);
            UiResponsivenessBenchmark b = new UiResponsivenessBenchmark();
            b.batchMs = batchMs;
            b.run(sandbox, idleSeconds);
        } finally {
            Platform.exit();
        }
    }

    /** The settings the TestFX tests run with (pom.xml): Monocle's headless glass, software rendering. */
    private static void headless() {
        System.setProperty("glass.platform", "Monocle");
        System.setProperty("monocle.platform", "Headless");
        System.setProperty("prism.order", "sw");
        System.setProperty("headless.geometry", "1600x1000-32");
        System.setProperty("phasewise.ui.noNotifications", "true");
    }

    /** As before the sample plan: no summary column (its CHECK goes with it), the table vacuumed. */
    private static void resetTable(Sandbox sandbox) throws Exception {
        try (java.sql.Connection c = sandbox.connect(); Statement st = c.createStatement()) {
            st.execute("ALTER TABLE articles_article DROP COLUMN IF EXISTS summary");
            st.execute("VACUUM ANALYZE articles_article");
        }
        log("articles_article reset: no summary column, vacuumed");
    }

    private void run(Sandbox sandbox, int idleSeconds) throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        Platform.startup(started::countDown);
        started.await();
        Path tmp = Files.createTempDirectory("phasewise-ui-bench");
        UiPrefs prefs = new UiPrefs(Preferences.userRoot().node("dev/phasewise/ui-bench"));
        prefs.clear();
        MainWindow window = onFx(() -> {
            MainWindow w = new MainWindow(new Stage(), new MainWindow.Options(null, prefs,
                    new Profiles(tmp.resolve(Profiles.FILE_NAME)), Documents.DEFAULT_SAMPLE));
            w.stage().show();
            w.start(null);
            return w;
        });
        MainViewModel vm = window.viewModel();
        ConnectedDatabase connection = ConnectedDatabase.open("sandbox", ConnectionSettings.parse(sandbox.url()), true, null);
        if (!connection.staging()) {
            throw new IllegalStateException("the sandbox is not staging: " + connection.decision().reason());
        }
        onFx(() -> {
            vm.runs().setControls(new PlanRunControls(vm));
            // the deploy gates are ticked as soon as the run waits at them, as a user would in the timeline
            var gates = vm.runs().runState().gates();
            gates.active().addListener((obs, was, now) -> {
                if (now != null) {
                    Platform.runLater(() -> now.gate().checklist().forEach(item -> gates.tick(item, true)));
                }
            });
            vm.connected(connection);
            return null;
        });
        waitFor(120, () -> vm.catalogLoadedProperty().get() && !vm.analysingProperty().get(), "catalog and analysis");
        Backfill sample = (Backfill) onFx(() -> vm.steps().stream().map(Plan.Placed::step)
                .filter(s -> s instanceof Backfill).findFirst().orElseThrow());
        Backfill backfill = sample;
        if (batchMs != null) {
            // the same backfill, its batches sized to take batchMs each (the executor adapts the rows)
            Backfill timed = new Backfill(sample.id(), sample.title(), sample.table(), sample.key(), sample.set(),
                    sample.where(), null, batchMs, sample.sleepMs(), sample.sleepRatio(), sample.lockTimeout(),
                    sample.statementTimeout());
            onFx(() -> {
                vm.selectedStepProperty().set(sample);
                vm.replaceSelected(timed);
                return null;
            });
            backfill = timed;
        }
        String backfillId = backfill.id();
        Step last = onFx(() -> vm.steps().get(vm.steps().size() - 1).step());

        onFx(() -> {
            vm.runs().stepStatuses().addListener((javafx.collections.MapChangeListener<String, StepStatus>) c -> {
                if (!c.getKey().equals(backfillId) || !c.wasAdded()) {
                    return;
                }
                if (c.getValueAdded() == StepStatus.RUNNING && phase != BACKFILL) {
                    phase = BACKFILL;
                    backfillStart = System.nanoTime();
                } else if (c.getValueAdded() == StepStatus.DONE || c.getValueAdded() == StepStatus.FAILED) {
                    if (phase == BACKFILL) {
                        backfillEnd = System.nanoTime();
                    }
                    phase = OTHER;
                }
            });
            // registered after the live panel's own listener (made with the window): the panel has the new
            // value's text when this runs, so an update counts for the view only if its text changed
            javafx.scene.control.Label figures = (javafx.scene.control.Label) window.root().lookup("#live-figures");
            javafx.scene.control.Label clock = (javafx.scene.control.Label) window.root().lookup("#live-clock");
            javafx.scene.control.Label batch = (javafx.scene.control.Label) window.root().lookup("#live-batch");
            vm.runs().backfillProgressProperty().addListener((o, a, b) -> {
                if (phase == BACKFILL && b != null) {
                    progressUpdates++;
                    if (b.rowsDone() != lastRowsDone) {
                        batchUpdates++;
                    }
                    lastRowsDone = b.rowsDone();
                    String text = figures.getText() + "\n" + clock.getText() + "\n" + batch.getText();
                    if (!text.equals(lastViewText)) {
                        viewUpdates++;
                        long now = System.nanoTime();
                        longestStill = Math.max(longestStill, now - (lastViewUpdate == 0 ? backfillStart : lastViewUpdate));
                        if (firstViewUpdate == 0) {
                            firstViewUpdate = now;
                        }
                        lastViewUpdate = now;
                    }
                    lastViewText = text;
                }
            });
            new AnimationTimer() {
                @Override
                public void handle(long now) {
                    long cpu = THREADS.getCurrentThreadCpuTime();
                    if (renderThread < 0) {
                        renderThread = Thread.getAllStackTraces().keySet().stream()
                                .filter(t -> t.getName().startsWith("QuantumRenderer")).mapToLong(Thread::getId)
                                .findFirst().orElse(0);
                    }
                    long renderCpu = renderThread > 0 ? THREADS.getThreadCpuTime(renderThread) : 0;
                    long gc = gcMillis();
                    long process = PROCESS.getProcessCpuTime();
                    if (lastPulse >= 0) {
                        int p = phase;
                        long gap = now - lastPulse;
                        if (gapCount[p] < gaps[p].length) {
                            gaps[p][gapCount[p]++] = gap;
                        }
                        if (gap > 50_000_000L && longGaps.size() < 50) {
                            long since = p == BACKFILL ? backfillStart : p == IDLE ? idleStart : 0;
                            longGaps.add(String.format(Locale.ROOT, "  %s gap %.1f ms at %.1f s: FX thread CPU %.1f ms, "
                                            + "render thread CPU %.1f ms, GC %d ms, the whole JVM's CPU %.1f ms (of %.1f on 2 cores)",
                                    p == BACKFILL ? "backfill" : p == IDLE ? "idle" : "other",
                                    gap / 1e6, since == 0 ? 0 : (now - since) / 1e9, (cpu - lastCpu) / 1e6, (renderCpu - lastRenderCpu) / 1e6, gc - lastGc,
                                    (process - lastProcess) / 1e6, 2 * gap / 1e6));
                        }
                    }
                    lastPulse = now;
                    lastCpu = cpu;
                    lastRenderCpu = renderCpu;
                    lastGc = gc;
                    lastProcess = process;
                }
            }.start();
            return null;
        });

        // the baseline: the same window, connected, doing nothing
        Thread.sleep(1000);
        onFx(() -> {
            gapCount[IDLE] = 0;
            idleStart = System.nanoTime();
            phase = IDLE;
            return null;
        });
        Thread.sleep(idleSeconds * 1000L);
        onFx(() -> {
            phase = OTHER;
            idleEnd = System.nanoTime();
            Button run = (Button) window.root().lookup("#run-button");
            run.fire();
            return null;
        });
        log("Run pressed: the sample plan on " + connection.describe());
        waitFor(1800, () -> {
            StepStatus s = vm.runs().stepStatuses().get(last.id());
            StepStatus b = vm.runs().stepStatuses().get(backfillId);
            return s == StepStatus.DONE || s == StepStatus.FAILED || b == StepStatus.FAILED;
        }, "the run's end");
        Thread.sleep(500);
        String status = onFx(() -> vm.statusProperty().get() + " / backfill " + vm.runs().stepStatuses().get(backfillId));
        report(status, backfill);
        onFx(() -> {
            window.shutdown();
            window.stage().close();
            return null;
        });
    }

    private void report(String status, Backfill backfill) {
        double backfillSeconds = (backfillEnd - backfillStart) / 1e9;
        double idleSeconds = (idleEnd - idleStart) / 1e9;
        System.out.println("# UI responsiveness during a backfill (" + java.time.LocalDate.now() + ", "
                + Runtime.getRuntime().availableProcessors() + " cores, JavaFX " + System.getProperty("javafx.runtime.version")
                + ", Monocle headless, software pipeline)");
        System.out.println("run: " + status);
        System.out.println(String.format(Locale.ROOT, "FX pulse gaps    %-10s %8s %8s %8s %8s %8s", "", "pulses", "median",
                "p99", "max", ">50ms"));
        System.out.println(gapLine("idle (baseline)", IDLE, idleSeconds));
        System.out.println(gapLine("during backfill", BACKFILL, backfillSeconds));
        System.out.println(gapLine("  after its first 2 s", BACKFILL, backfillSeconds - 2, 2));
        double perSecond = viewUpdates / backfillSeconds;
        System.out.println(String.format(Locale.ROOT, "backfill: %,d rows in %.1f s, %s", lastRowsDone, backfillSeconds,
                backfill.batchMs() != null ? "batches sized to " + backfill.batchMs() + " ms"
                        : String.format(Locale.ROOT, "%.0f batches of %d rows, %.1f batches/s",
                        (double) lastRowsDone / backfill.rowsPerBatch(), backfill.rowsPerBatch(),
                        lastRowsDone / (double) backfill.rowsPerBatch() / backfillSeconds)));
        System.out.println(String.format(Locale.ROOT, "live view updates (progress applied that changed the panel's "
                        + "text): %d in %.1f s = %.1f per second; %d of them with a new batch's rows (%.1f/s), the "
                        + "others the clock between batches; progress values applied: %d; longest without an update: "
                        + "%.0f ms", viewUpdates, backfillSeconds, perSecond, batchUpdates, batchUpdates / backfillSeconds,
                progressUpdates, longestStill / 1e6));
        double reporting = (lastViewUpdate - firstViewUpdate) / 1e9;
        System.out.println(String.format(Locale.ROOT, "  the step's %.1f s: %.1f s before the first update (the job "
                        + "starting), %.1f s from the first to the last (%.1f updates/s), %.1f s after it (verification)",
                backfillSeconds, (firstViewUpdate - backfillStart) / 1e9, reporting,
                reporting > 0 ? (viewUpdates - 1) / reporting : 0, (backfillEnd - lastViewUpdate) / 1e9));
        if (!longGaps.isEmpty()) {
            System.out.println("pulse gaps over 50 ms (the FX thread's own CPU time in the gap tells work on it from "
                    + "waiting for a core):");
            longGaps.forEach(System.out::println);
        }
        long maxBackfill = max(BACKFILL);
        System.out.println(String.format(Locale.ROOT, "targets: max pulse gap <= 50 ms: %s (%.1f ms); >= 10 updates/s: %s "
                        + "(%.1f)", maxBackfill <= 50_000_000L ? "met" : "MISSED", maxBackfill / 1e6,
                perSecond >= 10 ? "met" : "MISSED", perSecond));
    }

    private String gapLine(String name, int p, double seconds) {
        return gapLine(name, p, seconds, 0);
    }

    /** The phase's gaps, without those of its first skipSeconds (JIT and class loading of the run's code). */
    private String gapLine(String name, int p, double seconds, double skipSeconds) {
        long[] all = Arrays.copyOf(gaps[p], gapCount[p]);
        long skipped = 0;
        int from = 0;
        while (from < all.length && skipped < skipSeconds * 1e9) {
            skipped += all[from++];
        }
        long[] g = Arrays.copyOfRange(all, from, all.length);
        Arrays.sort(g);
        long over = Arrays.stream(g).filter(x -> x > 50_000_000L).count();
        return String.format(Locale.ROOT, "  %-24s %8d %6.1f ms %5.1f ms %5.1f ms %8d   (%.1f s, %.1f pulses/s)", name,
                g.length, pct(g, 0.5) / 1e6, pct(g, 0.99) / 1e6, g.length == 0 ? 0 : g[g.length - 1] / 1e6, over, seconds,
                g.length / Math.max(0.001, seconds));
    }

    private static long gcMillis() {
        long t = 0;
        for (var gc : java.lang.management.ManagementFactory.getGarbageCollectorMXBeans()) {
            t += Math.max(0, gc.getCollectionTime());
        }
        return t;
    }

    private long max(int p) {
        long m = 0;
        for (int i = 0; i < gapCount[p]; i++) {
            m = Math.max(m, gaps[p][i]);
        }
        return m;
    }

    private static long pct(long[] sorted, double q) {
        if (sorted.length == 0) {
            return 0;
        }
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1)];
    }

    private static <T> T onFx(Supplier<T> work) throws Exception {
        CompletableFuture<T> f = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                f.complete(work.get());
            } catch (Throwable t) {
                f.completeExceptionally(t);
            }
        });
        return f.get(60, TimeUnit.SECONDS);
    }

    private static void waitFor(int seconds, Supplier<Boolean> condition, String what) throws Exception {
        long until = System.nanoTime() + seconds * 1_000_000_000L;
        while (System.nanoTime() < until) {
            if (onFx(condition)) {
                return;
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("timed out waiting for " + what);
    }

    static void log(String s) {
        System.err.println(s);
    }
}
