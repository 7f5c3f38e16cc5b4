package dev.phasewise.analysis;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * Phasewise's own version, so that {@code --version}, SARIF's tool version and a run's record
 * agree. From the jar (and the app image, which runs the same jar) it is the manifest's
 * Implementation-Version, which the build writes from the POM's version; run from classes (tests, an
 * IDE) there is no manifest, and {@code dev/phasewise/version.properties}, filtered from the same
 * POM version, stands in. It lives in the lowest layer so that every layer may name it.
 */
public final class PhasewiseVersion {
    private static final String VERSION = read();

    private PhasewiseVersion() {
    }

    public static String get() {
        return VERSION;
    }

    private static String read() {
        // the package's Implementation-Version is the manifest's of the jar this class was loaded from
        String fromManifest = PhasewiseVersion.class.getPackage().getImplementationVersion();
        if (fromManifest != null && !fromManifest.isBlank()) {
            return fromManifest;
        }
        try (InputStream in = PhasewiseVersion.class.getResourceAsStream("/dev/phasewise/version.properties")) {
            if (in == null) {
                throw new IllegalStateException("no Implementation-Version in the manifest and"
                        + " dev/phasewise/version.properties is missing: build with Maven");
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
