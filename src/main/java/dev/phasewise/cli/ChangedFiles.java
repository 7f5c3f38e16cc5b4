package dev.phasewise.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The files of a folder that git says changed since a ref: committed since it, changed in the
 * working tree, or new and not ignored. For CI: lint what a branch changes, with the history before
 * it as the schema.
 */
final class ChangedFiles {
    private ChangedFiles() {
    }

    /** Absolute, normalised paths; throws IllegalArgumentException naming the ref or git's complaint. */
    static Set<Path> since(String ref, Path dir) throws IOException, InterruptedException {
        Path root = Path.of(git(dir, List.of("rev-parse", "--show-toplevel")).strip());
        Set<Path> out = new HashSet<>();
        for (String name : git(dir, List.of("diff", "--name-only", ref, "--", ".")).split("\n")) {
            if (!name.isBlank()) {
                out.add(root.resolve(name.strip()).toAbsolutePath().normalize());
            }
        }
        for (String name : git(dir, List.of("ls-files", "--others", "--exclude-standard", "--full-name", "."))
                .split("\n")) {
            if (!name.isBlank()) {
                out.add(root.resolve(name.strip()).toAbsolutePath().normalize());
            }
        }
        return out;
    }

    private static String git(Path dir, List<String> args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("git", "-C", dir.toString()));
        command.addAll(args);
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            String first = output.isBlank() ? "no output" : output.strip().split("\n")[0];
            throw new IllegalArgumentException("--changed-since: git " + String.join(" ", args) + " in " + dir
                    + " failed: " + first);
        }
        return output;
    }
}
