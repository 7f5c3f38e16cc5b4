package dev.phasewise.platform;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;

/**
 * The platform the jar was built for, against the one it runs on. The jar carries one platform's
 * JavaFX natives and PostgreSQL binaries (pom.xml, the platform profiles); started elsewhere, the
 * desktop app and the sandbox would die deep in a native loader or an archive extraction. They ask
 * here first, and the user reads which platform the jar is for and how to build one for this
 * machine. The command line's lint, plan and convert need no natives and are never stopped.
 */
public final class BuildPlatform {
    /** The names -Dphasewise.platform takes (pom.xml has a profile for each). */
    public static final List<String> SUPPORTED =
            List.of("linux-x86_64", "linux-aarch64", "mac-x86_64", "mac-aarch64", "windows-x86_64");

    private BuildPlatform() {
    }

    /**
     * Why {@code what} (e.g. "the desktop app") cannot start on this machine, or empty when the
     * jar's natives are this machine's (or the build recorded no platform, as in an IDE that does
     * not filter resources: then nothing is known and nothing is stopped).
     */
    public static Optional<String> mismatch(String what) {
        return mismatch(what, builtFor(), System.getProperty("os.name", ""), System.getProperty("os.arch", ""));
    }

    /** The same for the given build platform and os.name / os.arch: the whole logic, testable anywhere. */
    static Optional<String> mismatch(String what, String builtFor, String osName, String osArch) {
        if (builtFor == null || builtFor.isBlank()) {
            return Optional.empty();
        }
        String here = nameOf(osName, osArch);
        if (here.equals(builtFor)) {
            return Optional.empty();
        }
        String natives = "its JavaFX natives and PostgreSQL binaries are for " + builtFor;
        if (!SUPPORTED.contains(here)) {
            return Optional.of("this Phasewise jar was built for " + builtFor + " (" + natives + "), and this machine is "
                    + osName + " " + osArch + ", for which Phasewise has no build, so " + what + " cannot start here.\n"
                    + "  Phasewise builds for " + String.join(", ", SUPPORTED) + ".\n"
                    + "  The command line's lint, plan and convert need no natives and work on any Java 17.");
        }
        return Optional.of("this Phasewise jar was built for " + builtFor + " (" + natives + "), and this machine is "
                + here + ", so " + what + " cannot start here.\n"
                + "  Build the jar for this machine from the source, here (the build takes the platform it runs on):\n"
                + "    mvn -B package -DskipTests\n"
                + "  or on any machine:\n"
                + "    mvn -B package -DskipTests -Dmdep.skip=true -Dphasewise.platform=" + here + "\n"
                + "  (docs/packaging.md). The command line's lint, plan and convert need no natives and work as they are.");
    }

    /**
     * The platform name for os.name and os.arch as the JVM reports them: "Mac OS X" / "aarch64" is
     * mac-aarch64, "Windows 11" / "amd64" is windows-x86_64. Other systems get a name too (e.g.
     * freebsd-x86_64, linux-ppc64le), which is simply not among {@link #SUPPORTED}.
     */
    static String nameOf(String osName, String osArch) {
        String os = osName.toLowerCase(Locale.ROOT).trim();
        if (os.startsWith("mac") || os.startsWith("darwin")) {
            os = "mac";
        } else if (os.startsWith("windows")) {
            os = "windows";
        } else if (os.startsWith("linux")) {
            os = "linux";
        } else {
            os = os.replaceAll("[^a-z0-9]+", "");
        }
        String arch = osArch.toLowerCase(Locale.ROOT).trim();
        arch = switch (arch) {
            case "amd64", "x86_64", "x64", "x86-64" -> "x86_64";
            case "aarch64", "arm64" -> "aarch64";
            default -> arch;
        };
        return os + "-" + arch;
    }

    /** What the build wrote into dev/phasewise/platform.properties, or null when it is not there. */
    public static String builtFor() {
        try (InputStream in = BuildPlatform.class.getResourceAsStream("/dev/phasewise/platform.properties")) {
            if (in == null) {
                return null;
            }
            Properties p = new Properties();
            p.load(in);
            String platform = p.getProperty("platform");
            // unfiltered (run from sources without Maven): nothing is known
            return platform == null || platform.startsWith("${") ? null : platform;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
