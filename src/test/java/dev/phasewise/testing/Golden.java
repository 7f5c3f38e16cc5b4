package dev.phasewise.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Golden files for human-facing output: the test fails when the output differs from the
 * committed file; {@code -Dphasewise.updateGolden=true} rewrites the files instead, to be
 * reviewed in the diff.
 */
public final class Golden {
    private Golden() {
    }

    public static boolean updating() {
        return Boolean.getBoolean("phasewise.updateGolden");
    }

    /** A path relative to the project root (the directory Maven runs the tests in). */
    public static Path project(String relative) {
        return Path.of(System.getProperty("user.dir")).resolve(relative);
    }

    public static void assertMatches(Path file, String actual) {
        try {
            if (updating()) {
                Files.createDirectories(file.getParent());
                Files.writeString(file, actual, StandardCharsets.UTF_8);
                return;
            }
            String expected = Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "<missing file>";
            assertEquals(expected, actual, file + " is out of date; rerun with -Dphasewise.updateGolden=true and "
                    + "review the diff");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
