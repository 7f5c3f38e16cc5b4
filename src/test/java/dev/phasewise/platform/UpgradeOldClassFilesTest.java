package dev.phasewise.platform;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.objectweb.asm.ClassReader;
import picocli.CommandLine;

import java.io.File;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The build's rewrite of class files older than Java 6's format (src/build/java/UpgradeOldClassFiles.java,
 * run on the shaded jar so that a JDK 25 AOT cache can hold picocli): run here on picocli's own jar,
 * every class file comes out at version 52 or later, the rest of the jar unchanged, and picocli still
 * works from it under the JVM's verifier.
 */
class UpgradeOldClassFilesTest {
    private static final Path TOOL = Path.of("src/build/java/UpgradeOldClassFiles.java");

    @TempDir
    Path tmp;

    @Test
    void picocliComesOutAtJava8sFormatAndStillWorks() throws Exception {
        Path picocli = Path.of(CommandLine.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Path jar = Files.copy(picocli, tmp.resolve("picocli.jar"));
        assertTrue(versions(jar).stream().anyMatch(v -> v < 50), "picocli 4.7 is compiled for Java 5: " + versions(jar));
        int entries = names(jar).size();

        Process upgrade = java(List.of("-cp", codeSource(ClassReader.class), TOOL.toString(), jar.toString()));
        assertEquals(0, upgrade.exitValue(), output(upgrade));
        assertTrue(output(upgrade).contains("class files of picocli.jar rewritten to version 52"), output(upgrade));

        assertTrue(versions(jar).stream().allMatch(v -> v >= 52), versions(jar).toString());
        assertEquals(entries, names(jar).size(), "every entry kept");
        // picocli's own command (shell completion scripts), verified with the type-checking verifier
        Process run = java(List.of("-Xverify:all", "-cp", jar.toString(), "picocli.AutoComplete", "--help"));
        assertEquals(0, run.exitValue(), output(run));
        assertTrue(output(run).contains("Usage: picocli.AutoComplete"), output(run));
    }

    private Process java(List<String> args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        cmd.addAll(args);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(tmp.resolve("out").toFile()).start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "still running after 120 s");
        return p;
    }

    private String output(Process p) throws Exception {
        return Files.readString(tmp.resolve("out"));
    }

    private static String codeSource(Class<?> c) throws Exception {
        return new File(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    }

    private static List<Integer> versions(Path jar) throws Exception {
        List<Integer> versions = new ArrayList<>();
        try (InputStream file = Files.newInputStream(jar); ZipInputStream in = new ZipInputStream(file)) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                if (e.getName().endsWith(".class") && !e.getName().startsWith("META-INF/")) {
                    byte[] b = in.readAllBytes();
                    versions.add((b[6] & 0xff) << 8 | (b[7] & 0xff));
                }
            }
        }
        return versions;
    }

    private static List<String> names(Path jar) throws Exception {
        List<String> names = new ArrayList<>();
        try (InputStream file = Files.newInputStream(jar); ZipInputStream in = new ZipInputStream(file)) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                names.add(e.getName());
            }
        }
        return names;
    }
}
