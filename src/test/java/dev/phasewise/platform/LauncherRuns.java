package dev.phasewise.platform;

import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * What the launcher tests share: one run of a launcher script in a clean environment, and the JDKs of
 * this machine by feature version.
 */
final class LauncherRuns {
    private LauncherRuns() {
    }

    /** A finished run: its exit code, standard output and standard error. */
    record Result(int exit, String out, String err) {
    }

    /**
     * Runs {@code command} with only {@code env} in its environment (nothing inherited), its output in
     * files under {@code tmp}; at most 120 s.
     */
    static Result run(List<String> command, Map<String, String> env, Path tmp) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().clear();
        pb.environment().putAll(env);
        Path out = tmp.resolve("out");
        Path err = tmp.resolve("err");
        pb.redirectOutput(out.toFile()).redirectError(err.toFile());
        Process p = pb.start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("the launcher did not finish in 120 s");
        }
        return new Result(p.exitValue(), Files.readString(out), Files.readString(err));
    }

    /** JDK 25 where the machine has one (every machine of this project does; elsewhere the test is skipped). */
    static Path jdk25() throws IOException {
        Optional<Path> jdk = jdk(25);
        Assumptions.assumeTrue(jdk.isPresent(), "no JDK 25 under /usr/lib/jvm");
        return jdk.get();
    }

    /** A JDK home of that feature version: the test's own, or one under /usr/lib/jvm. */
    static Optional<Path> jdk(int feature) throws IOException {
        Path own = Path.of(System.getProperty("java.home"));
        if (Runtime.version().feature() == feature && Files.exists(own.resolve("release"))) {
            return Optional.of(own);
        }
        Path jvms = Path.of("/usr/lib/jvm");
        if (!Files.isDirectory(jvms)) {
            return Optional.empty();
        }
        try (Stream<Path> homes = Files.list(jvms)) {
            return homes.filter(h -> Files.isExecutable(h.resolve("bin/java")))
                    .filter(h -> releaseFeature(h) == feature).sorted().findFirst();
        }
    }

    /**
     * ", -XX:+UseTransparentHugePages" where this kernel gives the heap huge pages on request (the
     * launchers then ask for them for lint and the window), "" elsewhere.
     */
    static String hugePagesOption() {
        try {
            String mode = Files.readString(Path.of("/sys/kernel/mm/transparent_hugepage/enabled"));
            return mode.contains("[madvise]") ? ", -XX:+UseTransparentHugePages" : "";
        } catch (IOException e) {
            return "";
        }
    }

    private static int releaseFeature(Path home) {
        try {
            for (String line : Files.readAllLines(home.resolve("release"))) {
                if (line.startsWith("JAVA_VERSION=\"")) {
                    String v = line.substring("JAVA_VERSION=\"".length());
                    int end = 0;
                    while (end < v.length() && Character.isDigit(v.charAt(end))) {
                        end++;
                    }
                    return Integer.parseInt(v.substring(0, end));
                }
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }
}
