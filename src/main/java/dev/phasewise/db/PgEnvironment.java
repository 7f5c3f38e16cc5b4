package dev.phasewise.db;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Everything outside the connection string that libpq consults: the {@code PG*} variables, the
 * home directory (for {@code ~/.pgpass} and the profiles file), the OS user (the default role) and
 * whether this is Windows (where the files live elsewhere). Passed in rather than read from
 * {@link System} deep inside, so that tests never depend on the machine they run on.
 */
public record PgEnvironment(Map<String, String> variables, Path home, String osUser, Os os) {
    public enum Os { POSIX, MACOS, WINDOWS }

    public PgEnvironment {
        variables = Map.copyOf(variables);
    }

    /** The real environment of this process. */
    public static PgEnvironment system() {
        String name = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        Os os = name.startsWith("windows") ? Os.WINDOWS : name.startsWith("mac") ? Os.MACOS : Os.POSIX;
        return new PgEnvironment(System.getenv(), Path.of(System.getProperty("user.home")),
                System.getProperty("user.name"), os);
    }

    /** A variable, treating an empty value like an unset one (as libpq does). */
    public Optional<String> get(String name) {
        String v = variables.get(name);
        return v == null || v.isEmpty() ? Optional.empty() : Optional.of(v);
    }

    /** libpq's password file: {@code PGPASSFILE}, else {@code ~/.pgpass} or {@code %APPDATA%\postgresql\pgpass.conf}. */
    public Path passwordFile() {
        Optional<String> explicit = get("PGPASSFILE");
        if (explicit.isPresent()) {
            return Path.of(explicit.get());
        }
        if (os == Os.WINDOWS) {
            return appData().resolve("postgresql").resolve("pgpass.conf");
        }
        return home.resolve(".pgpass");
    }

    /** Where Phasewise keeps its own configuration (profiles), following each platform's convention. */
    public Path configDirectory() {
        return switch (os) {
            case WINDOWS -> appData().resolve("Phasewise");
            case MACOS -> home.resolve("Library").resolve("Application Support").resolve("Phasewise");
            case POSIX -> get("XDG_CONFIG_HOME").map(Path::of).orElse(home.resolve(".config")).resolve("phasewise");
        };
    }

    /** Never the variables: they may hold PGPASSWORD. */
    @Override
    public String toString() {
        return "PgEnvironment[home=" + home + ", osUser=" + osUser + ", os=" + os + "]";
    }

    private Path appData() {
        return get("APPDATA").map(Path::of).orElse(home.resolve("AppData").resolve("Roaming"));
    }
}
