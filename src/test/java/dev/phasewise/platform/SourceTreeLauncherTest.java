package dev.phasewise.platform;

import dev.phasewise.platform.LauncherRuns.Result;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The source tree's launcher (src/main/launcher/phasewise, built to target/phasewise) falls back
 * cleanly: no JDK 25 is plain java on JAVA_HOME; no cache, a stale one (other jar, other JDK) or an
 * unreadable one runs the command without it, and never changes its exit code or its output. The
 * jar is {@link LauncherProbe}, which prints the JDK and the JVM options it got.
 */
class SourceTreeLauncherTest {
    private static final Path SCRIPT = Path.of("src/main/launcher/phasewise");
    /** The tools the script uses, and no java: which java runs is up to JAVA_HOME and PHASEWISE_JDKS. */
    private static final List<String> TOOLS = List.of("bash", "sed", "dirname", "cat", "rm", "cksum", "tr",
            "readlink", "find", "mkdir", "mv", "nice", "env");

    @TempDir
    Path tmp;
    private Path dir;
    private Path bin;

    @BeforeEach
    void layOut() throws Exception {
        dir = Files.createDirectories(tmp.resolve("target"));
        Files.copy(SCRIPT, dir.resolve("phasewise"));
        writeProbeJar(dir.resolve("phasewise.jar"), "first");
        bin = Files.createDirectories(tmp.resolve("bin"));
        for (String tool : TOOLS) {
            for (String d : List.of("/usr/bin", "/bin")) {
                if (Files.isExecutable(Path.of(d, tool))) {
                    Files.createSymbolicLink(bin.resolve(tool), Path.of(d, tool));
                    break;
                }
            }
        }
    }

    /**
     * The java on the PATH is a candidate too, found through its links (Debian's /usr/bin/java goes
     * through /etc/alternatives). When it is the same file as a JDK already seen, the script knows it
     * without readlink (a fork on every start); when it is another, readlink finds its home.
     */
    @Test
    void theJavaOnThePathCountsAndIsFoundThroughItsLinks() throws Exception {
        Path jdk17 = LauncherRuns.jdk(17).orElseThrow();
        Path jdk25 = LauncherRuns.jdk25();
        Files.createSymbolicLink(bin.resolve("java"), jdk25.resolve("bin/java"));
        // readlink, counting its calls
        Path calls = tmp.resolve("readlink-calls");
        Path realReadlink = bin.resolve("readlink").toRealPath();
        Files.delete(bin.resolve("readlink"));
        Files.writeString(bin.resolve("readlink"), "#!" + bin.resolve("bash") + "\necho x >> '" + calls + "'\nexec '"
                + realReadlink + "' \"$@\"\n");
        bin.resolve("readlink").toFile().setExecutable(true);

        Result other = run(Map.of("PHASEWISE_JDKS", jdk17.toString(), "PHASEWISE_AOT", "off"), "exit=4");
        assertEquals(4, other.exit(), other.err());
        assertTrue(other.out().startsWith("java=25 "), "the newest is the PATH's, found by readlink: " + other.out());
        assertTrue(Files.exists(calls), "readlink found it");

        Files.delete(calls);
        Result known = run(Map.of("PHASEWISE_JDKS", jdk17 + " " + jdk25, "PHASEWISE_AOT", "off"), "exit=5");
        assertEquals(5, known.exit(), known.err());
        assertTrue(known.out().startsWith("java=25 "), known.out());
        assertFalse(Files.exists(calls), "no readlink for a java already seen");
    }

    @Test
    void withoutJdk25ItIsPlainJavaOnJavaHome() throws Exception {
        Path jdk17 = LauncherRuns.jdk(17).orElseThrow();
        Result r = run(Map.of("PHASEWISE_JDKS", "", "JAVA_HOME", jdk17.toString()), "exit=3");
        assertEquals(3, r.exit(), r.err());
        assertEquals("java=17 options=[]", r.out().strip());
        assertFalse(Files.exists(dir.resolve("phasewise.aot")));
        assertFalse(Files.exists(dir.resolve("phasewise.aot.log")), "no training without JDK 25");
    }

    @Test
    void theNewestJdkIsChosenAndItsCacheBuiltThenUsed() throws Exception {
        Path jdk25 = LauncherRuns.jdk25();
        Map<String, String> env = Map.of("PHASEWISE_JDKS", LauncherRuns.jdk(17).orElseThrow() + " " + jdk25,
                "PHASEWISE_AOT", "wait");
        Result first = run(env, "exit=4");
        assertEquals(4, first.exit(), first.err());
        assertEquals("java=25 options=[--enable-native-access=ALL-UNNAMED, --sun-misc-unsafe-memory-access=allow]",
                first.out().strip(), first.err());
        assertTrue(Files.size(dir.resolve("phasewise.aot")) > 0, log());
        assertTrue(Files.readString(dir.resolve("phasewise.aot.stamp")).contains("java=" + jdk25), log());

        Result second = run(env);
        assertEquals(0, second.exit(), second.err());
        assertTrue(second.out().contains("-XX:AOTCache=" + dir.resolve("phasewise.aot")), second.out());

        // the user's options come last, after the cache's quiet log: a -Xlog of theirs is heard
        Map<String, String> logging = new HashMap<>(env);
        logging.put("PHASEWISE_JAVA_OPTIONS", "-Xlog:gc:stderr -Dx=y");
        Result mine = run(logging, "rules");
        assertTrue(mine.out().strip().endsWith("-Xlog:disable, -Xlog:all=warning:stderr, -Xlog:gc:stderr, -Dx=y]"),
                mine.out());
    }

    @Test
    void aStaleCacheIsIgnoredAndRebuilt() throws Exception {
        Map<String, String> env = Map.of("PHASEWISE_JDKS", LauncherRuns.jdk25().toString(), "PHASEWISE_AOT", "wait");
        run(env);
        String oldStamp = Files.readString(dir.resolve("phasewise.aot.stamp"));

        // the jar rebuilt (mvn package): the cache is another jar's
        writeProbeJar(dir.resolve("phasewise.jar"), "second, a longer text so that the jar differs");
        Result r = run(env, "exit=5");
        assertEquals(5, r.exit(), r.err());
        assertFalse(r.out().contains("AOTCache"), r.out());
        String newStamp = Files.readString(dir.resolve("phasewise.aot.stamp"));
        assertNotEquals(oldStamp, newStamp, "the cache was trained again for the new jar");
        assertTrue(run(env).out().contains("-XX:AOTCache="), "and is used");

        // a cache made by another JDK (its stamp says so): not used either
        Files.writeString(dir.resolve("phasewise.aot.stamp"), newStamp.replace("java=", "java=/elsewhere"));
        Result other = run(Map.of("PHASEWISE_JDKS", LauncherRuns.jdk25().toString(), "PHASEWISE_AOT", "off"));
        assertEquals(0, other.exit(), other.err());
        assertFalse(other.out().contains("AOTCache"), other.out());
    }

    /** A cache whose stamp matches but which the JVM cannot map: the command runs, its output clean. */
    @Test
    void anUnreadableCacheNeverFailsTheCommand() throws Exception {
        Map<String, String> env = Map.of("PHASEWISE_JDKS", LauncherRuns.jdk25().toString(), "PHASEWISE_AOT", "wait");
        run(env);
        Files.writeString(dir.resolve("phasewise.aot"), "not a cache");
        Result r = run(env, "exit=0");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("-XX:AOTCache="), r.out());
        assertEquals(1, r.out().strip().lines().count(), "only the command's output on stdout: " + r.out());
    }

    @Test
    void offMeansNoCacheAndNoTraining() throws Exception {
        Result r = run(Map.of("PHASEWISE_JDKS", LauncherRuns.jdk25().toString(), "PHASEWISE_AOT", "off"));
        assertEquals(0, r.exit(), r.err());
        assertFalse(r.out().contains("AOTCache"), r.out());
        assertFalse(Files.exists(dir.resolve("phasewise.aot.log")));
    }

    /**
     * lint (a short-lived run) and the window get C1 only, the serial collector and no perf data
     * (chosen by bench/startup.sh and bench/ui-responsiveness.sh); the other commands keep the JVM's
     * defaults; the user's options come after, and a collector the user chose replaces the serial one
     * (two would stop the JVM).
     */
    @Test
    void lintAndTheWindowGetTheQuickStartFlagsAndTheUsersOptionsWin() throws Exception {
        String jdk17 = LauncherRuns.jdk(17).orElseThrow().toString();
        String quick = "-XX:TieredStopAtLevel=1, -XX:+UseSerialGC, -XX:-UsePerfData" + LauncherRuns.hugePagesOption();
        Result lint = run(Map.of("PHASEWISE_JDKS", jdk17), "lint", "x.sql");
        assertEquals(0, lint.exit(), lint.err());
        assertEquals("java=17 options=[" + quick + ", -Xmn16m]", lint.out().strip());

        Result window = run(Map.of("PHASEWISE_JDKS", jdk17));
        // and without GTK's accessibility bridge (JavaFX has no accessibility on Linux), unless the user set it
        // and, with no session bus (none here), GTK's settings in memory rather than a fork to autolaunch one
        assertEquals("java=17 options=[" + quick + "]\nNO_AT_BRIDGE=1\nGSETTINGS_BACKEND=memory", window.out().strip(),
                window.err());
        assertEquals(window.out(), run(Map.of("PHASEWISE_JDKS", jdk17), "gui", "x.plan.yaml").out());
        assertTrue(run(Map.of("PHASEWISE_JDKS", jdk17, "NO_AT_BRIDGE", "0", "GSETTINGS_BACKEND", "dconf")).out().strip()
                .endsWith("NO_AT_BRIDGE=0\nGSETTINGS_BACKEND=dconf"), "the user's values kept");
        assertTrue(run(Map.of("PHASEWISE_JDKS", jdk17, "DBUS_SESSION_BUS_ADDRESS", "unix:path=/run/user/1000/bus")).out()
                .strip().endsWith("NO_AT_BRIDGE=1"), "with a session bus, GTK's settings where the desktop keeps them");

        Result rules = run(Map.of("PHASEWISE_JDKS", jdk17), "rules");
        assertEquals("java=17 options=[]", rules.out().strip(), rules.err());

        Result mine = run(Map.of("PHASEWISE_JDKS", jdk17,
                "PHASEWISE_JAVA_OPTIONS", "-XX:+UseParallelGC -XX:TieredStopAtLevel=4"), "lint", "x.sql");
        assertEquals(0, mine.exit(), mine.err());
        assertEquals("java=17 options=[-XX:TieredStopAtLevel=1, -XX:-UsePerfData" + LauncherRuns.hugePagesOption()
                + ", -Xmn16m, -XX:+UseParallelGC, -XX:TieredStopAtLevel=4]", mine.out().strip());

        Result sized = run(Map.of("PHASEWISE_JDKS", jdk17, "PHASEWISE_JAVA_OPTIONS", "-Xmx64m"), "lint", "x.sql");
        assertEquals("java=17 options=[" + quick + ", -Xmx64m]", sized.out().strip(),
                "a heap the user sized keeps the JVM's young generation");
    }

    /**
     * The script runs before every command, and each tool it starts costs 5 - 30 ms on a loaded
     * machine: with a cache that matches, it picks the JDK and uses the cache with bash alone (no
     * sed, dirname, cat, nor cksum over the 40 MB jar), so it works with those tools gone.
     */
    @Test
    void aMatchingCacheIsUsedWithoutStartingTools() throws Exception {
        Path jdk25 = LauncherRuns.jdk25();
        Map<String, String> env = Map.of("PHASEWISE_JDKS", jdk25.toString(), "PHASEWISE_AOT", "wait");
        run(env);
        assertTrue(Files.size(dir.resolve("phasewise.aot")) > 0, log());
        for (String tool : List.of("sed", "dirname", "cat", "cksum", "tr", "readlink", "find", "mkdir", "mv", "nice")) {
            Files.deleteIfExists(bin.resolve(tool));
        }
        Result r = run(env, "exit=6");
        assertEquals(6, r.exit(), r.err());
        assertTrue(r.out().startsWith("java=25 "), r.out());
        assertTrue(r.out().contains("-XX:AOTCache=" + dir.resolve("phasewise.aot")), r.out() + r.err());
        assertEquals("", r.err());
    }

    /**
     * The window gets a cache of its own, trained under xvfb-run (here a stand-in that runs the
     * command) with the window's flags, since a cache loads all its classes at every start; lint keeps
     * its own; a new jar makes both stale.
     */
    @Test
    void theWindowHasItsOwnCacheTrainedUnderAVirtualDisplay() throws Exception {
        Path xvfbRun = bin.resolve("xvfb-run");
        Files.writeString(xvfbRun, "#!/usr/bin/env bash\n"
                + "while [ \"$1\" = -a ] || [ \"$1\" = -s ]; do [ \"$1\" = -s ] && shift; shift; done\n"
                + "echo \"under xvfb-run: $1\"\nexec \"$@\"\n");
        xvfbRun.toFile().setExecutable(true);
        Path lintCache = dir.resolve("phasewise.aot");
        Path windowCache = dir.resolve("phasewise-window.aot");
        Map<String, String> env = Map.of("PHASEWISE_JDKS", LauncherRuns.jdk25().toString(), "PHASEWISE_AOT", "wait");
        run(env, "lint", "x.sql");
        assertTrue(Files.size(lintCache) > 0, log());
        assertTrue(Files.size(windowCache) > 0, log());
        String log = log();
        assertTrue(log.contains("training [--aot-training, lint"), log);
        assertTrue(log.contains("under xvfb-run: " + LauncherRuns.jdk25()), log);
        assertTrue(log.contains("training [--aot-training, window]"), log);
        String windowTraining = log.substring(log.indexOf("under xvfb-run"));
        assertTrue(windowTraining.contains("TieredStopAtLevel=1"), "the window trains with the flags it runs with: " + log);

        assertTrue(run(env).out().contains("-XX:AOTCache=" + windowCache), "no command: the window");
        assertTrue(run(env, "gui").out().contains("-XX:AOTCache=" + windowCache));
        assertTrue(run(env, "lint", "x.sql").out().contains("-XX:AOTCache=" + lintCache + ","));

        writeProbeJar(dir.resolve("phasewise.jar"), "a new jar, so that both caches are another jar's");
        Result retrain = run(Map.of("PHASEWISE_JDKS", LauncherRuns.jdk25().toString(), "PHASEWISE_AOT", "wait", "PHASEWISE_AOT_WINDOW", "0"));
        assertFalse(retrain.out().contains("AOTCache"), retrain.out());
        assertFalse(Files.exists(windowCache), "the stale window cache is gone, and not trained with PHASEWISE_AOT_WINDOW=0");
        assertTrue(run(env).out().contains("-XX:AOTCache=" + lintCache + ","), "the window then uses lint's");
    }

    @Test
    void noJarSaysHowToBuildIt() throws Exception {
        Files.delete(dir.resolve("phasewise.jar"));
        Result r = run(Map.of("PHASEWISE_JDKS", ""));
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("mvn -B package -DskipTests"), r.err());
    }

    private Result run(Map<String, String> env, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(bin.resolve("bash").toString(), dir.resolve("phasewise").toString()));
        cmd.addAll(List.of(args));
        Map<String, String> all = new HashMap<>(Map.of("PATH", bin.toString(), "HOME", tmp.toString()));
        all.putAll(env);
        return LauncherRuns.run(cmd, all, tmp);
    }

    private String log() throws IOException {
        Path log = dir.resolve("phasewise.aot.log");
        return Files.exists(log) ? Files.readString(log) : "(no phasewise.aot.log)";
    }

    private static void writeProbeJar(Path jar, String marker) throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, LauncherProbe.class.getName());
        String entry = LauncherProbe.class.getName().replace('.', '/') + ".class";
        try (var in = LauncherProbe.class.getClassLoader().getResourceAsStream(entry);
                OutputStream file = Files.newOutputStream(jar);
                JarOutputStream out = new JarOutputStream(file, manifest)) {
            out.putNextEntry(new JarEntry(entry));
            out.write(in.readAllBytes());
            out.closeEntry();
            out.putNextEntry(new JarEntry("marker.txt"));
            out.write(marker.getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
        }
    }
}
