package dev.phasewise.ui;

import org.junit.jupiter.api.Test;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The jar's entry point in a process of its own: no display is a message, not a stack trace. */
class LauncherProcessTest {

    private static Process run(String... args) throws Exception {
        String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
        List<String> cmd = new java.util.ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"),
                "dev.phasewise.Launcher"));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().remove("DISPLAY");
        pb.environment().remove("WAYLAND_DISPLAY");
        Process p = pb.start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        return p;
    }

    @Test
    void withoutADisplayTheGuiExplainsAndExits2() throws Exception {
        for (String[] args : new String[][] {{}, {"gui"}}) {
            Process p = run(args);
            String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            assertEquals(2, p.exitValue(), err);
            assertTrue(err.contains("cannot open the desktop app: no display"), err);
            assertFalse(err.contains("Exception"), err);
        }
    }

    @Test
    void helpIsUnchanged() throws Exception {
        Process p = run("--help");
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue());
        assertTrue(out.contains("Usage: phasewise"), out);
        assertTrue(out.contains("lint"), out);
    }
}
