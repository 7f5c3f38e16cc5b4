package dev.phasewise.platform;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The jar's entry point in a process that believes it runs on another platform (os.name and
 * os.arch given on its command line): the desktop app and the sandbox say which platform the
 * build is for and how to build for this one, before any native is loaded.
 */
class WrongPlatformProcessTest {
    @TempDir
    Path tmp;

    /** A supported platform that is not this build's. */
    private static String[] elsewhere() {
        return "mac-aarch64".equals(BuildPlatform.builtFor())
                ? new String[] {"Windows 11", "amd64", "windows-x86_64"}
                : new String[] {"Mac OS X", "aarch64", "mac-aarch64"};
    }

    private static Result run(String osName, String osArch, String... args) throws Exception {
        String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
        List<String> cmd = new ArrayList<>(List.of(java, "-Dos.name=" + osName, "-Dos.arch=" + osArch,
                "-cp", System.getProperty("java.class.path"), "dev.phasewise.Launcher"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).start();
        p.getOutputStream().close();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("no exit within 60 s: " + cmd);
        }
        return new Result(p.exitValue(), new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    private record Result(int exit, String err) {
    }

    @Test
    void theDesktopAppSaysWhichPlatformTheJarIsFor() throws Exception {
        String[] other = elsewhere();
        Result r = run(other[0], other[1], "gui");
        assertEquals(2, r.exit(), r.err());
        assertTrue(r.err().contains("built for " + BuildPlatform.builtFor()), r.err());
        assertTrue(r.err().contains("this machine is " + other[2] + ", so the desktop app cannot start"), r.err());
        assertTrue(r.err().contains("-Dphasewise.platform=" + other[2]), r.err());
        assertFalse(r.err().contains("Exception"), r.err());
    }

    @Test
    void theSandboxSaysSoBeforeTouchingItsDirectory() throws Exception {
        String[] other = elsewhere();
        Path dir = tmp.resolve("sandbox");
        Result r = run(other[0], other[1], "sandbox", "--data-dir", dir.toString());
        assertEquals(2, r.exit(), r.err());
        assertTrue(r.err().contains("phasewise sandbox: this Phasewise jar was built for " + BuildPlatform.builtFor()),
                r.err());
        assertTrue(r.err().contains("-Dphasewise.platform=" + other[2]), r.err());
        assertFalse(Files.exists(dir), "the sandbox created " + dir);
    }

    /** Lint needs no natives: it runs whatever the platform. */
    @Test
    void lintStillRuns() throws Exception {
        String[] other = elsewhere();
        Path sql = Files.writeString(tmp.resolve("0001.sql"), "CREATE TABLE t (id bigint);\n");
        Result r = run(other[0], other[1], "lint", sql.toString());
        assertEquals(0, r.exit(), r.err());
    }
}
