package dev.phasewise;

import dev.phasewise.cli.Main;
import dev.phasewise.ui.app.GuiLauncher;
import dev.phasewise.ui.app.PhasewiseApp;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The training run of the ahead-of-time cache (JDK 25+, {@code -XX:AOTCacheOutput}), started as
 * {@code phasewise --aot-training [--window] INPUT...} by the source tree's launcher and by
 * {@code package/build-runtime.sh}; not a command people use, so {@code --help} does not list it.
 *
 * <p>JDK 25 records one process, and the cache holds only what that process loaded: so this one
 * process does what people start Phasewise for, each once. It lints the SQL inputs (folders as
 * histories, files) in text and in every other format, and a file long enough to spill its results
 * to disk (more than {@code StatementSpill}'s 2,000 statements in memory, as a 10,000-statement
 * migration does); prints each plan file ({@code phasewise plan}); and with {@code --window} opens
 * the desktop window on the first plan and closes it once it is shown and the plan analysed
 * ({@code phasewise.ui.exitWhenShown}). The window is asked for only where a window may open without
 * anyone seeing it (a virtual display), so the caller decides. What the commands print is dropped;
 * each step's outcome goes to {@code log}.
 */
public final class AotTraining {
    /** The launcher's hidden first argument. */
    public static final String ARG = "--aot-training";
    public static final String WINDOW = "--window";
    /** More statements than {@code StatementSpill.DEFAULT_IN_MEMORY}, so that the spill file's code runs. */
    static final int SPILLING_STATEMENTS = 2_100;

    private AotTraining() {
    }

    /** Runs the training; returns 0, or 1 when a step failed (the cache is still what ran until then). */
    public static int run(String[] args, PrintStream log) {
        boolean window = false;
        List<String> sql = new ArrayList<>();
        List<String> plans = new ArrayList<>();
        for (String a : args) {
            String lower = a.toLowerCase(Locale.ROOT);
            if (a.equals(WINDOW)) {
                window = true;
            } else if (lower.endsWith(".yaml") || lower.endsWith(".yml")) {
                plans.add(a);
            } else {
                sql.add(a);
            }
        }
        // the commands' reports are of no use here; their errors still go to log's stream
        System.setOut(new PrintStream(OutputStream.nullOutputStream(), false));
        int failed = 0;
        if (!sql.isEmpty()) {
            failed += step(log, "lint", commandWith(List.of("lint"), sql));
            for (String format : List.of("json", "sarif", "github", "gitlab", "rdjson")) {
                failed += step(log, "lint --format " + format, commandWith(List.of("lint", "--format", format), sql));
            }
        }
        Path longFile = null;
        try {
            longFile = spillingMigration();
            failed += step(log, "lint --format json (" + SPILLING_STATEMENTS + " statements)",
                    List.of("lint", "--format", "json", longFile.toString()));
        } catch (IOException e) {
            log.println("aot-training: no long migration: " + e.getMessage());
            failed++;
        } finally {
            deleteQuietly(longFile);
        }
        for (String plan : plans) {
            failed += step(log, "plan " + plan, List.of("plan", plan));
        }
        if (window) {
            // no embedded PostgreSQL (it would start a server and load data); close once shown
            System.setProperty("phasewise.ui.sandbox", "false");
            System.setProperty(PhasewiseApp.EXIT_WHEN_SHOWN, "true");
            String[] windowArgs = plans.isEmpty() ? new String[0] : new String[] {plans.get(0)};
            int code = GuiLauncher.launch(windowArgs);
            log.println("aot-training: window " + (code == 0 && PhasewiseApp.startupMillis() >= 0
                    ? "shown in " + PhasewiseApp.startupMillis() + " ms and closed" : "not shown (exit " + code + ")"));
            if (code != 0 || PhasewiseApp.startupMillis() < 0) {
                failed++;
            }
        }
        log.println("aot-training: done" + (failed > 0 ? ", " + failed + " step(s) failed" : ""));
        return failed > 0 ? 1 : 0;
    }

    private static List<String> commandWith(List<String> head, List<String> inputs) {
        List<String> all = new ArrayList<>(head);
        all.addAll(inputs);
        return all;
    }

    /** Runs one command; lint's 1 (findings) is a success here, 2 (input error) is not. */
    private static int step(PrintStream log, String name, List<String> command) {
        int code;
        try {
            code = Main.run(command.toArray(String[]::new));
        } catch (RuntimeException e) {
            log.println("aot-training: " + name + " failed: " + e);
            return 1;
        }
        log.println("aot-training: " + name + " -> exit " + code);
        return code <= Main.FINDINGS ? 0 : 1;
    }

    /** A migration of one table and {@link #SPILLING_STATEMENTS} statements on it, in a temporary file. */
    static Path spillingMigration() throws IOException {
        StringBuilder sql = new StringBuilder("CREATE TABLE aot_training (id bigint PRIMARY KEY);\n");
        for (int i = 1; i < SPILLING_STATEMENTS; i++) {
            sql.append(i % 2 == 0 ? "ALTER TABLE aot_training ADD COLUMN c" + i + " integer;\n"
                    : "CREATE INDEX aot_training_" + i + " ON aot_training (id);\n");
        }
        Path file = Files.createTempFile("phasewise-aot-training-", ".sql");
        Files.writeString(file, sql);
        return file;
    }

    private static void deleteQuietly(Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                // a temporary file left behind
            }
        }
    }
}
