package dev.phasewise.analysis;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * Phasewise's own version, as the build wrote it into {@code dev/phasewise/version.properties}
 * (filtered from the POM's version), so that {@code --version}, SARIF's tool version and a run's
 * record agree, also when run from classes rather than the jar. It lives in the lowest layer so
 * that every layer may name it.
 */
public final class PhasewiseVersion {
    private static final String VERSION = read();

    private PhasewiseVersion() {
    }

    public static String get() {
        return VERSION;
    }

    private static String read() {
        try (InputStream in = PhasewiseVersion.class.getResourceAsStream("/dev/phasewise/version.properties")) {
            if (in == null) {
                throw new IllegalStateException("dev/phasewise/version.properties is missing: build with Maven");
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
