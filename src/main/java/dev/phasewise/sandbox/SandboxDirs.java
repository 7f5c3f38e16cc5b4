package dev.phasewise.sandbox;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * Where the sandbox keeps its data by default: the platform's per-user data directory.
 * <ul>
 * <li>{@code PHASEWISE_DATA_DIR} set: {@code $PHASEWISE_DATA_DIR/sandbox}</li>
 * <li>Linux and others: {@code $XDG_DATA_HOME/phasewise/sandbox}, default {@code ~/.local/share/phasewise/sandbox}</li>
 * <li>macOS: {@code ~/Library/Application Support/Phasewise/sandbox}</li>
 * <li>Windows: {@code %LOCALAPPDATA%\Phasewise\sandbox}</li>
 * </ul>
 */
public final class SandboxDirs {
    public static final String DATA_DIR_VARIABLE = "PHASEWISE_DATA_DIR";

    private SandboxDirs() {
    }

    /** The default for this process (environment, os.name, user.home). */
    public static Path defaultSandboxDir() {
        return defaultSandboxDir(System.getenv(), System.getProperty("os.name", ""), System.getProperty("user.home"));
    }

    static Path defaultSandboxDir(Map<String, String> env, String osName, String userHome) {
        return dataDir(env, osName, userHome).resolve("sandbox");
    }

    /** Phasewise's per-user data directory. */
    static Path dataDir(Map<String, String> env, String osName, String userHome) {
        String own = env.get(DATA_DIR_VARIABLE);
        if (present(own)) {
            return Path.of(own);
        }
        Path home = Path.of(userHome);
        String os = osName.toLowerCase(Locale.ROOT);
        if (os.startsWith("windows")) {
            String local = env.get("LOCALAPPDATA");
            return (present(local) ? Path.of(local) : home.resolve("AppData").resolve("Local")).resolve("Phasewise");
        }
        if (os.startsWith("mac")) {
            return home.resolve("Library").resolve("Application Support").resolve("Phasewise");
        }
        String xdg = env.get("XDG_DATA_HOME");
        // the XDG spec: a relative XDG_DATA_HOME is invalid and must be ignored
        Path base = present(xdg) && Path.of(xdg).isAbsolute() ? Path.of(xdg) : home.resolve(".local").resolve("share");
        return base.resolve("phasewise");
    }

    private static boolean present(String s) {
        return s != null && !s.isBlank();
    }
}
