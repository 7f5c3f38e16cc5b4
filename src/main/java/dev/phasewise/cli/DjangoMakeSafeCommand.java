package dev.phasewise.cli;

import dev.phasewise.analysis.Analyzer;
import dev.phasewise.analysis.FileAnalysis;
import dev.phasewise.analysis.pg.PgVersion;
import dev.phasewise.analysis.rules.Finding;
import dev.phasewise.analysis.rules.Rules;
import dev.phasewise.analysis.rules.Severity;
import dev.phasewise.analysis.schema.SchemaModel;
import dev.phasewise.django.DjangoHelper;
import dev.phasewise.django.DjangoMakeSafe;
import dev.phasewise.django.DjangoMigration;
import dev.phasewise.django.DjangoMigrations;
import dev.phasewise.django.DjangoProjectException;
import dev.phasewise.django.MigrationLint;
import dev.phasewise.django.PythonInterpreter;
import dev.phasewise.django.SafeSeries;
import dev.phasewise.django.SeriesMigration;
import dev.phasewise.django.SettingsModule;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

/** {@code phasewise django make-safe}: a risky migration replaced by a phased series of Django migrations. */
@Command(name = "make-safe", mixinStandardHelpOptions = true,
        description = {"Replace a risky Django migration by a phased series (expand, backfill, contract) of Django "
                + "migrations that ends in the same schema, data and model state; later migrations that depended on "
                + "it are re-pointed, and the same change is written as a plan (<migration>.plan.yaml) to rehearse.",
                "Prints, statement by statement, what each became and why, then lints the new migrations."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:made safe (or nothing to change)", "1:written, but the new migrations still have errors",
                "2:usage or input error (no manage.py, no Python with Django, no such migration, SQL that does not read)"})
final class DjangoMakeSafeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "PROJECT_DIR", description = "The directory that holds manage.py")
    Path project;

    @Parameters(index = "1", paramLabel = "APP", description = "The app label")
    String app;

    @Parameters(index = "2", paramLabel = "MIGRATION", description = "The migration, as sqlmigrate takes it: its name or a prefix only it has (0005)")
    String migration;

    @Option(names = "--python", paramLabel = "PY", description = "The interpreter that has the project's Django (as django lint)")
    String python;

    @Option(names = "--settings", paramLabel = "MODULE", description = "The settings module (default: the one manage.py sets)")
    String settings;

    @Option(names = "--pg-version", paramLabel = "N", defaultValue = "17",
            description = "PostgreSQL major version to convert for, 12 to 18 (default: ${DEFAULT-VALUE})")
    int pgVersion;

    @Option(names = "--url", paramLabel = "URL",
            description = "A database for Django to read while it writes the SQL (an AlterField that drops an index or a "
                    + "unique constraint asks the database for its name); postgresql:// URI or key=value. Nothing is written to it")
    String url;

    @Option(names = "--dry-run", description = "Print the account and the files it would write; write nothing")
    boolean dryRun;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        PgVersion version;
        try {
            version = new PgVersion(pgVersion);
        } catch (IllegalArgumentException e) {
            err.println("phasewise django make-safe: " + e.getMessage());
            return Main.INPUT_ERROR;
        }
        try {
            String module = SettingsModule.of(project, settings);
            DjangoHelper helper = new DjangoHelper(project, PythonInterpreter.find(project, python));
            DjangoMakeSafe makeSafe = new DjangoMakeSafe(helper, module, version);
            SafeSeries safe = makeSafe.prepare(helper.migrations(module, url), app, migration);
            new ConvertCommand.AccountText(out).write(safe.conversion(), null);
            out.println();
            if (safe.changesNothing()) {
                out.println(safe.original().label() + ": nothing to make safe; no file written");
                return Main.OK;
            }
            if (dryRun) {
                for (var f : safe.rendered().files()) {
                    out.println("=== " + f.path());
                    out.print(f.text());
                }
                out.println("(dry run: nothing written)");
                return Main.OK;
            }
            for (Path p : makeSafe.write(safe)) {
                out.println("wrote " + project.toAbsolutePath().normalize().relativize(p.toAbsolutePath().normalize()));
            }
            out.println("removed " + project.toAbsolutePath().normalize().relativize(safe.rendered().remove()));
            out.println();
            steps(out, safe);
            return lintSeries(out, helper, module, version, safe);
        } catch (DjangoProjectException e) {
            err.println("phasewise django make-safe: " + e.getMessage());
            return Main.INPUT_ERROR;
        }
    }

    /** How to roll it out: one migrate per migration, with the deploy gates between them. */
    private void steps(PrintWriter out, SafeSeries safe) {
        out.println("Roll it out in this order:");
        for (SeriesMigration m : safe.series()) {
            out.println("  python manage.py migrate " + app + " " + m.name());
            if (m.gateAfter() != null) {
                out.println("    then, before going on: " + m.gateAfter());
            }
        }
        out.println("or rehearse it on staging: phasewise run " + safe.planFile() + " --url URL");
        out.println();
    }

    /** The new migrations, linted as django lint does: the proof that the series is what it claims. */
    private int lintSeries(PrintWriter out, DjangoHelper helper, String module, PgVersion version, SafeSeries safe)
            throws DjangoProjectException {
        DjangoMigrations after = helper.migrations(module, url);
        Set<String> names = safe.series().stream().map(SeriesMigration::name).collect(Collectors.toSet());
        String unreadable = after.sqlErrorUpTo(m -> m.app().equals(app) && names.contains(m.name()));
        if (unreadable != null) {
            out.println("django lint of the new migrations: not run: " + unreadable);
            return Main.OK;
        }
        List<FileAnalysis> results = new MigrationLint(new Analyzer(version, Rules.ALL, null))
                .lint(after.migrations(), new SchemaModel(), (DjangoMigration m) -> m.app().equals(app) && names.contains(m.name()));
        long errors = 0;
        for (FileAnalysis a : results) {
            for (var s : a.statements()) {
                for (Finding f : s.findings()) {
                    if (f.severity() == Severity.ERROR) {
                        errors++;
                        out.println(a.file() + ":" + s.line() + ": error " + f.rule().id() + ": " + f.message());
                    }
                }
            }
        }
        out.println("django lint of the " + results.size() + " new migrations: " + (errors == 0 ? "no error" : errors + " errors"));
        return errors == 0 ? Main.OK : Main.FINDINGS;
    }
}
