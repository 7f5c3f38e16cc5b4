package dev.phasewise.platform;

import dev.phasewise.platform.LauncherRuns.Result;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Linux app image's bin/phasewise (package/linux-launcher.sh, which build-runtime.sh puts in place
 * of jpackage's launcher): it starts the image's own java on the image's jar with the image's options,
 * the quick-start flags for lint and the window, the window's cache for the window and lint's for the
 * rest, each only when it exists; a cache the JVM cannot map changes nothing; it starts no tool, and
 * works through a symlink and from a folder with a space in its name. The jar is a stand-in
 * {@code dev.phasewise.Launcher}, compiled here, that prints the JVM options it got.
 */
class ImageLauncherTest {
    private static final Path SCRIPT = Path.of("package/linux-launcher.sh");
    private static final String IMAGE_OPTIONS = "-Xmx1g --enable-native-access=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow";

    @TempDir
    Path tmp;
    private Path image;
    private Path app;

    @BeforeEach
    void layOut() throws Exception {
        Path jdk = LauncherRuns.jdk25();
        image = tmp.resolve("opt/phase wise");
        app = Files.createDirectories(image.resolve("lib/app"));
        Files.createDirectories(image.resolve("lib/runtime/bin"));
        Files.createSymbolicLink(image.resolve("lib/runtime/bin/java"), jdk.resolve("bin/java"));
        Path bin = Files.createDirectories(image.resolve("bin"));
        Files.writeString(bin.resolve("phasewise"), Files.readString(SCRIPT).replace("@JAVA_OPTIONS@", IMAGE_OPTIONS));
        bin.resolve("phasewise").toFile().setExecutable(true);
        writeStandInJar(app.resolve("phasewise.jar"));
    }

    @Test
    void theImagesJavaWithItsOptionsAndTheQuickStartFlagsWithoutACache() throws Exception {
        String hugePages = LauncherRuns.hugePagesOption();
        Result lint = run(Map.of(), "lint", "x.sql");
        assertEquals(0, lint.exit(), lint.err());
        assertEquals("options=[-Xmx1g, --enable-native-access=ALL-UNNAMED, --sun-misc-unsafe-memory-access=allow, "
                + "-XX:TieredStopAtLevel=1, -XX:+UseSerialGC, -XX:-UsePerfData" + hugePages + ", -Xmn16m] args=[lint, x.sql]",
                lint.out().strip());

        Result window = run(Map.of());
        assertEquals("options=[-Xmx1g, --enable-native-access=ALL-UNNAMED, --sun-misc-unsafe-memory-access=allow, "
                + "-XX:TieredStopAtLevel=1, -XX:+UseSerialGC, -XX:-UsePerfData" + hugePages + "] args=[]\n"
                + "NO_AT_BRIDGE=1\nGSETTINGS_BACKEND=memory", window.out().strip(),
                "the window without GTK's accessibility bridge, and with no session bus GTK's settings in memory");
        assertTrue(run(Map.of("NO_AT_BRIDGE", "0", "GSETTINGS_BACKEND", "dconf")).out().strip()
                .endsWith("NO_AT_BRIDGE=0\nGSETTINGS_BACKEND=dconf"), "the user's values kept");
        assertTrue(run(Map.of("DBUS_SESSION_BUS_ADDRESS", "unix:path=/run/user/1000/bus")).out().strip()
                .endsWith("NO_AT_BRIDGE=1"), "with a session bus, GTK's settings where the desktop keeps them");

        Result rules = run(Map.of(), "rules");
        assertEquals("options=[-Xmx1g, --enable-native-access=ALL-UNNAMED, --sun-misc-unsafe-memory-access=allow] "
                + "args=[rules]", rules.out().strip(), "the other commands keep the JVM's defaults");

        Result mine = run(Map.of("PHASEWISE_JAVA_OPTIONS", "-XX:+UseParallelGC -Dx=a"), "lint", "with space.sql");
        assertEquals("options=[-Xmx1g, --enable-native-access=ALL-UNNAMED, --sun-misc-unsafe-memory-access=allow, "
                + "-XX:TieredStopAtLevel=1, -XX:-UsePerfData" + hugePages + ", -Xmn16m, -XX:+UseParallelGC, -Dx=a] "
                + "args=[lint, with space.sql]",
                mine.out().strip(), "the user's collector instead of the serial one, the user's options last");
    }

    @Test
    void theWindowGetsItsCacheAndTheCommandLineLints() throws Exception {
        Files.copy(trainedCache("phasewise.aot"), app.resolve("phasewise-window.aot"));
        Files.delete(app.resolve("phasewise-window.aot"));
        // the paths as the script writes them: from its own folder
        String lintCache = image.resolve("bin/../lib/app/phasewise.aot").toString();
        String windowCache = image.resolve("bin/../lib/app/phasewise-window.aot").toString();
        assertTrue(run(Map.of()).out().contains("-XX:AOTCache=" + lintCache + ","), "no window cache: lint's");
        Files.copy(app.resolve("phasewise.aot"), app.resolve("phasewise-window.aot"));
        for (String[] window : new String[][] {{}, {"gui"}}) {
            Result r = run(Map.of(), window);
            assertEquals(0, r.exit(), r.err());
            assertTrue(r.out().contains("-XX:AOTCache=" + windowCache + ","), r.out());
        }
        Result lint = run(Map.of(), "lint", "x.sql");
        assertTrue(lint.out().contains("-XX:AOTCache=" + lintCache + ", -Xlog:disable, -Xlog:all=warning:stderr"), lint.out());
        assertEquals("", lint.err());
    }

    /** A cache the JVM cannot map: the JVM runs without it, the command's exit code and output unchanged. */
    @Test
    void anUnreadableCacheChangesNothing() throws Exception {
        Files.writeString(app.resolve("phasewise.aot"), "not a cache");
        Result r = run(Map.of(), "lint", "exit=5");
        assertEquals(5, r.exit(), r.err());
        assertEquals(1, r.out().strip().lines().count(), r.out());
        assertTrue(r.out().contains("-XX:AOTCache="), r.out());
    }

    /** Started through a symlink elsewhere (as /usr/local/bin/phasewise might be), with no tool on the PATH. */
    @Test
    void throughASymlinkAndWithoutTools() throws Exception {
        Path link = Files.createDirectories(tmp.resolve("usr/local/bin")).resolve("phasewise");
        Files.createSymbolicLink(link, image.resolve("bin/phasewise"));
        Result r = run(link, Map.of(), "lint", "x.sql");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().startsWith("options=[-Xmx1g"), r.out() + r.err());
        Result direct = run(image.resolve("bin/phasewise"), Map.of("PATH", "/nonexistent"), "rules");
        assertEquals(0, direct.exit(), direct.err());
        assertTrue(direct.out().endsWith("args=[rules]\n"), direct.out() + direct.err());
    }

    private Path trainedCache(String name) throws Exception {
        Path cache = app.resolve(name);
        // with the image's options: a cache trained with other module options (native access) is not mapped
        List<String> cmd = new ArrayList<>(List.of(image.resolve("lib/runtime/bin/java").toString()));
        cmd.addAll(List.of(IMAGE_OPTIONS.split(" ")));
        cmd.addAll(List.of("-XX:AOTCacheOutput=" + cache, "-cp", app.resolve("phasewise.jar").toString(), "dev.phasewise.Launcher"));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(tmp.resolve("training.log").toFile()).start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS));
        assertTrue(Files.size(cache) > 0, Files.readString(tmp.resolve("training.log")));
        return cache;
    }

    private Result run(Map<String, String> env, String... args) throws Exception {
        return run(image.resolve("bin/phasewise"), env, args);
    }

    private Result run(Path launcher, Map<String, String> env, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("/bin/sh", launcher.toString()));
        cmd.addAll(List.of(args));
        Map<String, String> all = new HashMap<>(Map.of("PATH", "/usr/bin:/bin"));
        all.putAll(env);
        return LauncherRuns.run(cmd, all, tmp);
    }

    /** A dev.phasewise.Launcher that prints its JVM options and arguments; "exit=N" as an argument exits with N. */
    private void writeStandInJar(Path jar) throws IOException {
        Path src = Files.createDirectories(tmp.resolve("src/dev/phasewise")).resolve("Launcher.java");
        Files.writeString(src, """
                package dev.phasewise;
                public final class Launcher {
                    public static void main(String[] args) {
                        System.out.println("options=" + java.lang.management.ManagementFactory.getRuntimeMXBean()
                                .getInputArguments() + " args=" + java.util.Arrays.asList(args));
                        for (String name : new String[] {"NO_AT_BRIDGE", "GSETTINGS_BACKEND"}) {
                            if (System.getenv(name) != null) {
                                System.out.println(name + "=" + System.getenv(name));
                            }
                        }
                        for (String a : args) {
                            if (a.startsWith("exit=")) {
                                System.exit(Integer.parseInt(a.substring(5)));
                            }
                        }
                    }
                }
                """);
        Path classes = Files.createDirectories(tmp.resolve("classes"));
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        assertEquals(0, javac.run(null, null, null, "--release", "17", "-d", classes.toString(), src.toString()));
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file)) {
            out.putNextEntry(new JarEntry("dev/phasewise/Launcher.class"));
            out.write(Files.readAllBytes(classes.resolve("dev/phasewise/Launcher.class")));
            out.closeEntry();
        }
    }
}
