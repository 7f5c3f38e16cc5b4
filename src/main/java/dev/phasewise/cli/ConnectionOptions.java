package dev.phasewise.cli;

import dev.phasewise.db.ConnectionSettings;
import dev.phasewise.db.Database;
import dev.phasewise.db.PgEnvironment;
import dev.phasewise.db.Profile;
import dev.phasewise.db.Profiles;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The connection options every database command shares ({@code @Mixin}): {@code --url} wins over
 * {@code --profile}, which wins over the {@code PG*} environment, as with psql. Failures become
 * message-only exceptions, which {@link Main} prints as {@code phasewise: ...} with exit code 2.
 */
public final class ConnectionOptions {
    // shared by the annotations (@Mixin) and declareOn (lint, declared in code)
    private static final String URL_HELP = "postgresql://user@host:port/db URI or 'host=... dbname=...' conninfo "
            + "(password: PGPASSWORD or ~/.pgpass)";
    private static final String PROFILE_HELP = "A saved connection profile (see 'phasewise profile list')";
    private static final String PROFILES_FILE_HELP = "The profiles file (default: profiles.yaml in the user's config "
            + "directory)";

    @Option(names = "--url", paramLabel = "URL", description = URL_HELP)
    String url;

    @Option(names = "--profile", paramLabel = "NAME", description = PROFILE_HELP)
    String profile;

    @Option(names = "--profiles-file", paramLabel = "FILE", hidden = true, description = PROFILES_FILE_HELP)
    Path profilesFile;

    /** These options on a command declared in code ({@link DeclaredOptions}), bound to this object. */
    void declareOn(CommandSpec spec) {
        spec.addOption(DeclaredOptions.option(String.class, () -> url, v -> url = v, "--url")
                .paramLabel("URL").description(URL_HELP).build());
        spec.addOption(DeclaredOptions.option(String.class, () -> profile, v -> profile = v, "--profile")
                .paramLabel("NAME").description(PROFILE_HELP).build());
        spec.addOption(DeclaredOptions.option(Path.class, () -> profilesFile, v -> profilesFile = v, "--profiles-file")
                .paramLabel("FILE").hidden(true).description(PROFILES_FILE_HELP).build());
    }

    /** The real environment; replaceable so that tests need not touch the user's PG* variables. */
    PgEnvironment environment = PgEnvironment.system();

    public Profiles profiles() {
        return profilesFile != null ? new Profiles(profilesFile) : Profiles.of(environment);
    }

    /** The profile named by {@code --profile}, when one is used (it is not when --url is given). */
    public Optional<Profile> selectedProfile() {
        if (url != null || profile == null) {
            return Optional.empty();
        }
        Profiles all = profiles();
        return Optional.of(all.get(profile).orElseThrow(() -> new IllegalArgumentException(
                "no profile named \"" + profile + "\" in " + all.file() + " (see 'phasewise profile list')")));
    }

    /** The settings: --url, else --profile, else the PG* environment and libpq's defaults. */
    public ConnectionSettings settings() {
        try {
            if (url != null) {
                return ConnectionSettings.parse(url, environment);
            }
            Optional<Profile> p = selectedProfile();
            if (p.isPresent()) {
                return ConnectionSettings.parse(p.get().url(), environment);
            }
            return ConnectionSettings.fromEnvironment(environment);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("invalid connection settings: " + e.getMessage(), e);
        }
    }

    /** Resolves the settings and connects, printing any warnings (an ignored ~/.pgpass) to {@code err}. */
    public Database open(PrintWriter err) {
        ConnectionSettings s = settings();
        s.warnings().forEach(w -> err.println("phasewise: warning: " + w));
        return Database.open(s);
    }

    /** Whether the user named a database (--url or --profile), as opposed to relying on PG* defaults. */
    public boolean given() {
        return url != null || profile != null;
    }

    /** Whether the selected profile declares the database staging. */
    public boolean profileSaysStaging() {
        return selectedProfile().map(Profile::staging).orElse(false);
    }
}
