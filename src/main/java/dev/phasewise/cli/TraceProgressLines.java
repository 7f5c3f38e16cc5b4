package dev.phasewise.cli;

import dev.phasewise.db.trace.MigrationTracer;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Progress of {@code phasewise trace} on stderr: silent for statements that finish quickly, a line
 * once a statement has run for two seconds, another every five seconds while it runs, and its time
 * when it ends, so that a long trace (a scan of a large table) is never a silent wait.
 */
final class TraceProgressLines implements MigrationTracer.Progress, AutoCloseable {
    private static final long FIRST_NOTICE_MS = 2000;
    private static final long REPEAT_MS = 5000;

    private final PrintWriter err;
    private final ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "trace-progress");
        t.setDaemon(true);
        return t;
    });
    private ScheduledFuture<?> ticking;
    private long startNanos;
    private boolean announced;

    TraceProgressLines(PrintWriter err) {
        this.err = err;
    }

    @Override
    public synchronized void started(String file, int line, int number, int count, String sql) {
        startNanos = System.nanoTime();
        announced = false;
        String first = sql.lines().findFirst().orElse("").strip();
        String what = String.format(Locale.ROOT, "tracing %s:%d (statement %d of %d): %s", file, line, number, count,
                first.length() > 60 ? first.substring(0, 57) + "..." : first);
        ticking = clock.scheduleAtFixedRate(() -> tick(what), FIRST_NOTICE_MS, REPEAT_MS, TimeUnit.MILLISECONDS);
    }

    private synchronized void tick(String what) {
        String elapsed = seconds();
        err.println(announced ? "  ... still running, " + elapsed : what + " ... " + elapsed);
        err.flush();
        announced = true;
    }

    @Override
    public synchronized void finished() {
        if (ticking != null) {
            ticking.cancel(false);
            ticking = null;
        }
        if (announced) {
            err.println("  ... done in " + seconds());
            err.flush();
        }
    }

    private String seconds() {
        return String.format(Locale.ROOT, "%.1f s", (System.nanoTime() - startNanos) / 1e9);
    }

    @Override
    public void close() {
        clock.shutdownNow();
    }
}
