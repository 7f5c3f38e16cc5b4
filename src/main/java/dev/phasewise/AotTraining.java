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
import java.util.prefs.BackingStoreException;
import java.util.prefs.Preferences;

/**
 * The training runs of the ahead-of-time caches (JDK 25+, {@code -XX:AOTCacheOutput}), started by the
 * source tree's launcher and by {@code package/build-runtime.sh}; not a command people use, so
 * {@code --help} does not list it:
 * <pre>
 *   phasewise --aot-training lint INPUT...     lint's cache
 *   phasewise --aot-training window [PLAN]     the window's cache
 * </pre>
 *
 * <p>JDK 25 records one process, and a cache holds what that process loaded. It also loads every
 * class it holds when the JVM starts, whether the command uses it or not (measured here: a lint of
 * one statement with a cache trained on lint and the window loaded 8,400 classes and took about 40 %
 * longer than with lint's own cache of 2,000), so the command line and the window get a cache each.
 * Lint's training lints the inputs (folders as histories, files) in text and in every other format,
 * and a file long enough to spill its results to disk (more than {@code StatementSpill}'s 2,000
 * statements in memory, as a 10,000-statement migration does). The window's opens the desktop window
 * on the plan and closes it once it is shown and the plan analysed ({@code phasewise.ui.exitWhenShown});
 * where it may open without anyone seeing it (a virtual display) is the caller's to decide. What the
 * commands print is dropped; each step's outcome goes to {@code log}.
 */
public final class AotTraining {
    /** The launcher's hidden first argument. */
    public static final String ARG = "--aot-training";
    /** More statements than {@code StatementSpill.DEFAULT_IN_MEMORY}, so that the spill file's code runs. */
    static final int SPILLING_STATEMENTS = 2_100;
    /** The preferences node of the training's window (UiPrefs: phasewise.ui.prefs). */
    static final String TRAINING_PREFS = "dev/phasewise/aot-training";

    private AotTraining() {
    }

    /** Runs a training; returns 0, 1 when a step failed (the cache is still what ran until then), 2 for bad arguments. */
    public static int run(String[] args, PrintStream log) {
        String what = args.length > 0 ? args[0] : "";
        List<String> inputs = List.of(args).subList(Math.min(1, args.length), args.length);
        // the commands' reports are of no use here; their errors still go to log's stream
        System.setOut(new PrintStream(OutputStream.nullOutputStream(), false));
        int failed;
        if (what.equals("lint")) {
            failed = lint(inputs, log);
        } else if (what.equals("window") && inputs.size() <= 1) {
            failed = window(inputs, log);
        } else {
            log.println("aot-training: usage: " + ARG + " lint INPUT... | " + ARG + " window [PLAN]");
            return 2;
        }
        log.println("aot-training: done" + (failed > 0 ? ", " + failed + " step(s) failed" : ""));
        return failed > 0 ? 1 : 0;
    }

    private static int lint(List<String> inputs, PrintStream log) {
        int failed = 0;
        if (!inputs.isEmpty()) {
            failed += step(log, "lint", commandWith(List.of("lint"), inputs));
            for (String format : List.of("json", "sarif", "github", "gitlab", "rdjson")) {
                failed += step(log, "lint --format " + format, commandWith(List.of("lint", "--format", format), inputs));
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
        return failed;
    }

    private static int window(List<String> plan, PrintStream log) {
        // no embedded PostgreSQL (it would start a server and load data); close once shown; the
        // window's preferences (placement, recent files) in a node of its own, removed after, so that
        // a training never changes what the user's window remembers
        System.setProperty("phasewise.ui.sandbox", "false");
        System.setProperty(PhasewiseApp.EXIT_WHEN_SHOWN, "true");
        System.setProperty("phasewise.ui.prefs", TRAINING_PREFS);
        int code = GuiLauncher.launch(plan.toArray(String[]::new));
        try {
            Preferences.userRoot().node(TRAINING_PREFS).removeNode();
        } catch (BackingStoreException | IllegalStateException e) {
            log.println("aot-training: the training's preferences (" + TRAINING_PREFS + ") stay: " + e.getMessage());
        }
        boolean shown = code == 0 && PhasewiseApp.startupMillis() >= 0;
        log.println("aot-training: window " + (shown ? "shown in " + PhasewiseApp.startupMillis() + " ms and closed"
                : "not shown (exit " + code + ")"));
        return shown ? 0 : 1;
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
