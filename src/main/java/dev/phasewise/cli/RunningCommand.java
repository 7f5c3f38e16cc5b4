package dev.phasewise.cli;

import dev.phasewise.db.Database;
import dev.phasewise.db.DatabaseException;
import dev.phasewise.run.GateHandler;
import dev.phasewise.run.RunControl;
import dev.phasewise.run.RunException;
import dev.phasewise.run.RunOptions;
import dev.phasewise.run.RunResult;
import dev.phasewise.run.Runner;
import dev.phasewise.run.BatchedBackfill;
import dev.phasewise.run.CoalescingListener;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** What {@code run} and {@code resume} share: connection, gates, retries, output, Ctrl-C. */
abstract class RunningCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ConnectionOptions connection;

    @Option(names = "--confirm", paramLabel = "DBNAME",
            description = "The database name, typed to confirm a database your profile declares staging")
    String confirm;

    @Option(names = "--confirm-gates", description = "Confirm every deploy gate's checklist without asking (CI); "
            + "recorded as such in phasewise.run_gates")
    boolean confirmGates;

    @Option(names = "--cancel-blockers-after", paramLabel = "SECONDS", description = "Cancel (pg_cancel_backend, never "
            + "terminate) the statements of sessions blocking a step for longer than this; off by default")
    Double cancelBlockersAfter;

    @Option(names = "--workers", paramLabel = "N", defaultValue = "1",
            description = "Parallel workers of each backfill step, over disjoint key ranges (default: ${DEFAULT-VALUE})")
    int workers;

    @Option(names = "--max-attempts", paramLabel = "N", defaultValue = "8",
            description = "Attempts per action for lock timeouts, deadlocks and lost connections (default: ${DEFAULT-VALUE})")
    int maxAttempts;

    @Option(names = "--format", defaultValue = "text", paramLabel = "FORMAT",
            description = "text (progress display and summary) or json (one event per line) (default: ${DEFAULT-VALUE})")
    String format;

    /** Standard input for gate prompts; null when there is no terminal. Replaceable by tests. */
    BufferedReader input = !Terminal.attached() ? null
            : new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    /** A progress bar on a terminal, a progress line every few seconds in a log. Replaceable by tests. */
    boolean terminal = Terminal.attached();

    abstract RunResult go(Runner runner, RunControl control, PrintWriter err);

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (!format.equals("text") && !format.equals("json")) {
            err.println("phasewise " + spec.name() + ": --format must be text or json, not " + format);
            return Main.INPUT_ERROR;
        }
        if (maxAttempts < 1) {
            err.println("phasewise " + spec.name() + ": --max-attempts must be at least 1");
            return Main.INPUT_ERROR;
        }
        RunOptions options = RunOptions.defaults().withMaxAttempts(maxAttempts)
                .withStaging(connection.profileSaysStaging(), confirm)
                .withCancelBlockersAfter(cancelBlockersAfter == null ? null
                        : Duration.ofMillis(Math.round(cancelBlockersAfter * 1000)));
        String who = System.getProperty("user.name");
        RunControl control = new RunControl();
        CountDownLatch finished = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            // Ctrl-C: cancel the running statement, and give the runner a moment to record it
            control.cancel();
            try {
                finished.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException ignored) {
                Thread.currentThread().interrupt();
            }
        }, "phasewise-cancel");
        try (Database db = connection.open(err); RunConsole console = new RunConsole(out, format.equals("json"),
                terminal)) {
            GateHandler gates = confirmGates ? GateHandler.autoConfirm(who) : console.interactiveGates(input, who);
            // at most 10 progress lines a second, as phasewise backfill: the engine refreshes its clock 20 times a second
            Runner runner = new Runner(db, options, gates, new BatchedBackfill(workers),
                    new CoalescingListener(console, 10));
            Runtime.getRuntime().addShutdownHook(hook);
            RunResult result;
            try {
                result = go(runner, control, err);
            } finally {
                finished.countDown();
                try {
                    Runtime.getRuntime().removeShutdownHook(hook);
                } catch (IllegalStateException ignored) {
                    // the JVM is shutting down already
                }
            }
            if (result == null) {
                return Main.INPUT_ERROR;
            }
            console.summary(result);
            if (!result.succeeded() && format.equals("text")) {
                err.println("phasewise " + spec.name() + ": run " + result.runId() + " " + result.status().label()
                        + (result.message() == null ? "" : ": " + result.message()));
                err.println("resume it with: phasewise resume " + result.runId() + " --url ...");
            }
            return result.succeeded() ? Main.OK : RUN_FAILED;
        } catch (RunException e) {
            e.problems().forEach(p -> err.println("phasewise " + spec.name() + ": " + p));
            return Main.INPUT_ERROR;
        } catch (DatabaseException e) {
            err.println("phasewise " + spec.name() + ": " + e.getMessage());
            return Main.INPUT_ERROR;
        }
    }

    static final int RUN_FAILED = 1;
}
