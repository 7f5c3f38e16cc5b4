package dev.phasewise.cli;

import dev.phasewise.db.ConnInfo;
import dev.phasewise.db.Profile;
import dev.phasewise.db.Profiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code phasewise profile list|add|remove}: the saved connection profiles (never with a password). */
@Command(name = "profile", mixinStandardHelpOptions = true,
        description = "Saved connection profiles (profiles.yaml in your config directory); passwords are never saved.",
        subcommands = {ProfileCommand.ListProfiles.class, ProfileCommand.Add.class, ProfileCommand.Remove.class})
final class ProfileCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Option(names = "--profiles-file", paramLabel = "FILE", hidden = true, scope = picocli.CommandLine.ScopeType.INHERIT,
            description = "The profiles file (default: profiles.yaml in the user's config directory)")
    Path profilesFile;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    Profiles profiles() {
        ConnectionOptions o = new ConnectionOptions();
        o.profilesFile = profilesFile;
        return o.profiles();
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the saved profiles.")
    static final class ListProfiles implements Callable<Integer> {
        @ParentCommand
        ProfileCommand parent;
        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            Profiles profiles = parent.profiles();
            List<Profile> all = profiles.list();
            if (all.isEmpty()) {
                out.println("No profiles in " + profiles.file() + " (add one: phasewise profile add NAME --url URL)");
            }
            for (Profile p : all) {
                out.println(p.name() + (p.staging() ? " (staging)" : "") + "  " + p.url()
                        + (p.lockTimeout() == null ? "" : "  lock_timeout=" + p.lockTimeout())
                        + (p.statementTimeout() == null ? "" : "  statement_timeout=" + p.statementTimeout()));
            }
            out.flush();
            return Main.OK;
        }
    }

    @Command(name = "add", mixinStandardHelpOptions = true,
            description = "Add or replace a profile. A password in the URL is removed: use PGPASSWORD or ~/.pgpass.")
    static final class Add implements Callable<Integer> {
        @ParentCommand
        ProfileCommand parent;
        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "NAME", description = "The profile's name")
        String name;

        @Option(names = "--url", required = true, paramLabel = "URL", description = "postgresql:// URI or conninfo string")
        String url;

        @Option(names = "--staging", description = "Declare this database staging (a run still asks you to type its name)")
        boolean staging;

        @Option(names = "--lock-timeout", paramLabel = "DURATION", description = "Note the lock_timeout to use, e.g. 2s")
        String lockTimeout;

        @Option(names = "--statement-timeout", paramLabel = "DURATION", description = "Note the statement_timeout to use")
        String statementTimeout;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            String saved = url;
            Map<String, String> keywords;
            try {
                keywords = new LinkedHashMap<>(ConnInfo.parse(url));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("invalid --url: " + e.getMessage(), e);
            }
            if (keywords.remove("password") != null) {
                saved = ConnInfo.toUri(keywords);
                spec.commandLine().getErr().println("phasewise: the password in --url was not saved (Phasewise never saves"
                        + " passwords); put it in ~/.pgpass or PGPASSWORD");
            }
            Profiles profiles = parent.profiles();
            profiles.put(new Profile(name, saved, staging, lockTimeout, statementTimeout));
            out.println("Saved profile \"" + name + "\"" + (staging ? " (staging)" : "") + ": " + saved + " in "
                    + profiles.file());
            out.flush();
            return Main.OK;
        }
    }

    @Command(name = "remove", mixinStandardHelpOptions = true, description = "Remove a profile.")
    static final class Remove implements Callable<Integer> {
        @ParentCommand
        ProfileCommand parent;
        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "NAME", description = "The profile's name")
        String name;

        @Override
        public Integer call() {
            Profiles profiles = parent.profiles();
            if (!profiles.remove(name)) {
                throw new IllegalArgumentException("no profile named \"" + name + "\" in " + profiles.file());
            }
            spec.commandLine().getOut().println("Removed profile \"" + name + "\" from " + profiles.file());
            spec.commandLine().getOut().flush();
            return Main.OK;
        }
    }
}
