package dev.phasewise.ui;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The AOT cache's training run and the window's exit once shown, each in a process of its own as the
 * launcher starts them, on Monocle's headless platform (no display): the window opens on the plan,
 * is analysed, and the process ends by itself with 0; the training runs every step and prints none of
 * the commands' reports.
 */
class AotTrainingProcessTest {
    @TempDir
    Path home;

    private record Result(int exit, String out, String err) {
    }

    private Result run(List<String> jvmOptions, String... args) throws Exception {
        String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
        List<String> cmd = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"),
                // headless, as the UI tests run; a home of its own so that the window's prefs stay out of the user's
                "-Dglass.platform=Monocle", "-Dmonocle.platform=Headless", "-Dprism.order=sw",
                "-Dheadless.geometry=1600x1000-32", "-Duser.home=" + home));
        cmd.addAll(jvmOptions);
        cmd.add("dev.phasewise.Launcher");
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        Path out = home.resolve("out");
        Path err = home.resolve("err");
        pb.redirectOutput(out.toFile()).redirectError(err.toFile());
        Process p = pb.start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("still running after 120 s: " + Files.readString(err));
        }
        return new Result(p.exitValue(), Files.readString(out), Files.readString(err));
    }

    @Test
    void theWindowClosesItselfOnceShownWhenAsked() throws Exception {
        Result r = run(List.of("-Dphasewise.ui.sandbox=false", "-Dphasewise.ui.exitWhenShown=true"),
                "gui", "migrations-samples/add-article-summary.plan.yaml");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.err().contains("window shown"), r.err());
        assertFalse(r.err().contains("Unsupported JavaFX configuration"),
                "JavaFX's warning that it runs from the class path, as this jar means it to, is not shown: " + r.err());
    }

    @Test
    void lintsTrainingLintsInEveryFormatAndPrintsNothing() throws Exception {
        Result r = run(List.of(), "--aot-training", "lint", "bench/history/", "migrations-samples/0042_add_summary_unsafe.sql");
        assertEquals(0, r.exit(), r.err());
        for (String step : List.of("aot-training: lint -> exit 1", "aot-training: lint --format json -> exit 1",
                "aot-training: lint --format rdjson -> exit 1", "aot-training: lint --format json (2100 statements) -> exit 0",
                "aot-training: done\n")) {
            assertTrue(r.err().contains(step), step + " in:\n" + r.err());
        }
        assertFalse(r.err().contains("window"), r.err());
        assertEquals("", r.out(), "the reports are dropped");
    }

    @Test
    void theWindowsTrainingOpensThePlanAndClosesIt() throws Exception {
        Result r = run(List.of(), "--aot-training", "window", "migrations-samples/add-article-summary.plan.yaml");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.err().contains("aot-training: window shown in "), r.err());
        assertTrue(r.err().contains("aot-training: done\n"), r.err());
        // the user's window remembers nothing of it: no recent file, no node of the training left
        Path prefs = home.resolve(".java/.userPrefs");
        assertFalse(Files.exists(prefs.resolve("dev/phasewise/aot-training")));
        if (Files.exists(prefs)) {
            try (var files = Files.walk(prefs)) {
                for (Path f : files.filter(Files::isRegularFile).toList()) {
                    assertFalse(Files.readString(f).contains("add-article-summary"), f + ": " + Files.readString(f));
                }
            }
        }
    }

    @Test
    void anUnknownTrainingIsAUsageError() throws Exception {
        Result r = run(List.of(), "--aot-training", "gui");
        assertEquals(2, r.exit(), r.err());
        assertTrue(r.err().contains("usage: --aot-training lint INPUT... | --aot-training window [PLAN]"), r.err());
    }
}
