package dev.phasewise.cli;

import dev.phasewise.sandbox.LoadInfo;
import dev.phasewise.sandbox.Sandbox;
import dev.phasewise.sandbox.SandboxException;
import dev.phasewise.sandbox.SandboxListener;
import dev.phasewise.sandbox.SandboxOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/** {@code phasewise sandbox}: the embedded PostgreSQL with the seed's blog, until Ctrl-C. */
@Command(name = "sandbox", mixinStandardHelpOptions = true,
        description = {"Start an embedded PostgreSQL 17 with a sample blog database (users, 1,000,000 articles, "
                + "comments, export jobs) marked staging, and print its URL; runs until Ctrl-C.",
                "The data stays in the data directory and is reused on the next start."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:stopped with Ctrl-C", "2:usage error, or the sandbox could not start (already running, port in use)"})
final class SandboxCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--rows", paramLabel = "N",
            description = "Articles to load (users N/50, comments N, export jobs N/20); default: keep what is loaded, "
                    + "or 1,000,000 for a first load. Another N than the loaded one reloads.")
    Long rows;

    @Option(names = "--reset", description = "Delete the sandbox's data and load it again")
    boolean reset;

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "The sandbox's directory (default: $PHASEWISE_DATA_DIR/sandbox, else the platform's data "
                    + "directory, e.g. ~/.local/share/phasewise/sandbox)")
    Path dataDir;

    @Option(names = "--port", paramLabel = "P",
            description = "Port to listen on (default: the one used last time, else 54329 or the next free one)")
    Integer port;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (rows != null && rows < 1) {
            err.println("phasewise sandbox: --rows must be at least 1");
            return Main.INPUT_ERROR;
        }
        if (port != null && (port < 1024 || port > 65535)) {
            err.println("phasewise sandbox: --port must be between 1024 and 65535");
            return Main.INPUT_ERROR;
        }
        SandboxOptions options = new SandboxOptions(dataDir, rows, port, reset);
        long t0 = System.nanoTime();
        Sandbox sandbox;
        try {
            sandbox = Sandbox.start(options, new Progress(err));
        } catch (SandboxException e) {
            err.println("phasewise sandbox: " + e.getMessage());
            return Main.INPUT_ERROR;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            err.println("stopping the sandbox...");
            err.flush();
            try {
                sandbox.stop();
            } finally {
                stopped.countDown();
            }
        }, "phasewise-sandbox-stop"));
        LoadInfo load = sandbox.load();
        err.printf(Locale.ROOT, "ready in %.1f s: %,d articles, %,d users, %,d comments, %,d export jobs (%s)%n",
                (System.nanoTime() - t0) / 1e9, load.articles(), load.users(), load.comments(), load.exportJobs(),
                load.reused() ? "reused, loaded " + load.loadedAt()
                        : String.format(Locale.ROOT, "loaded in %.1f s", load.loadTime().toMillis() / 1e3));
        err.println("data: " + sandbox.directory() + "   marked staging (phasewise.environment = 'staging')");
        out.println(sandbox.url());
        out.println(sandbox.jdbcUrl());
        out.flush();
        err.println("Ctrl-C stops it.");
        err.flush();
        stopped.await(); // the shutdown hook counts down
        return Main.OK;
    }

    /** Progress lines on standard error. */
    private static final class Progress implements SandboxListener {
        private final PrintWriter err;
        private final long started = System.nanoTime();

        Progress(PrintWriter err) {
            this.err = err;
        }

        @Override
        public void progress(String phase, long done, long total) {
            if (done == 0 && total > 1) {
                return; // one line per step forward is enough
            }
            err.printf(Locale.ROOT, "%6.1f s  %-12s %,d / %,d%n", (System.nanoTime() - started) / 1e9, phase, done,
                    total);
            err.flush();
        }

        @Override
        public void message(String text) {
            err.println(text);
            err.flush();
        }
    }
}
