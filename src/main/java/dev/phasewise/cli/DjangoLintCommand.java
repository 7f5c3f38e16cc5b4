package dev.phasewise.cli;

import dev.phasewise.analysis.Analyzer;
import dev.phasewise.analysis.FileAnalysis;
import dev.phasewise.analysis.output.Report;
import dev.phasewise.analysis.pg.PgVersion;
import dev.phasewise.analysis.rules.Rule;
import dev.phasewise.analysis.rules.RuleMeta;
import dev.phasewise.analysis.rules.Rules;
import dev.phasewise.analysis.rules.Severity;
import dev.phasewise.analysis.schema.SchemaModel;
import dev.phasewise.django.DjangoHelper;
import dev.phasewise.django.DjangoMigration;
import dev.phasewise.django.DjangoMigrations;
import dev.phasewise.django.DjangoProjectException;
import dev.phasewise.django.MigrationLint;
import dev.phasewise.django.PythonInterpreter;
import dev.phasewise.django.SettingsModule;
import dev.phasewise.django.rules.DjangoChecks;
import dev.phasewise.django.rules.DjangoRules;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Predicate;

/** {@code phasewise django lint}: a project's migrations, in plan order, each linted with all earlier ones as its schema. */
@Command(name = "lint", mixinStandardHelpOptions = true,
        description = {"Lint a Django project's migrations: its own Django lists them in plan order and gives "
                + "each one's SQL as sqlmigrate prints it; each is analysed with all earlier ones as its schema, "
                + "and findings are reported against the migration's .py file. The Django rules (PW401-PW406) "
                + "add what the SQL cannot show: RunPython, atomic, AddIndexConcurrently, models without a migration.",
                "No database is needed; with --url, only the migrations that database has not applied are linted "
                        + "(unless --all)."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:no finding at or above --fail-on", "1:findings at or above --fail-on",
                "2:usage or input error (no manage.py, no Python with Django, settings or a migration that do not load)"})
final class DjangoLintCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "PROJECT_DIR", description = "The directory that holds manage.py")
    Path project;

    @Option(names = "--python", paramLabel = "PY",
            description = "The interpreter that has the project's Django (default: the project's .venv or venv, "
                    + "else the first of python3, /usr/bin/python3 that imports django)")
    String python;

    @Option(names = "--settings", paramLabel = "MODULE",
            description = "The settings module (default: the one manage.py sets)")
    String settings;

    @Option(names = "--app", paramLabel = "APP", description = "Lint only this app's migrations; repeatable (default: all)")
    List<String> apps = new ArrayList<>();

    @Option(names = "--url", paramLabel = "URL",
            description = "The database whose applied migrations are skipped (postgresql:// URI or key=value; "
                    + "the settings' engine and options are kept)")
    String url;

    @Option(names = "--all", description = "With --url: lint the applied migrations too")
    boolean all;

    @Option(names = "--pg-version", paramLabel = "N", defaultValue = "17",
            description = "PostgreSQL major version to analyse for, 12 to 18 (default: ${DEFAULT-VALUE})")
    int pgVersion;

    @Option(names = "--format", defaultValue = "text", description = "text, json, sarif, github, gitlab or rdjson (default: ${DEFAULT-VALUE})")
    ReportWriter.Format format;

    @Option(names = "--fail-on", defaultValue = "error", paramLabel = "LEVEL",
            description = "Exit with 1 when a finding is at least this severe: error, warning or info (default: ${DEFAULT-VALUE})")
    String failOn;

    @Option(names = "--color", defaultValue = "auto", description = "auto, always or never (default: ${DEFAULT-VALUE})")
    ReportWriter.Color color;

    @Option(names = {"-v", "--verbose"}, description = "Also list statements that lock nothing that exists")
    boolean verbose;

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        Severity threshold;
        PgVersion version;
        try {
            threshold = Severity.parse(failOn);
            version = new PgVersion(pgVersion);
        } catch (IllegalArgumentException e) {
            err.println("phasewise django lint: " + (e.getMessage().startsWith("No enum") ? "--fail-on takes error, "
                    + "warning or info, not " + failOn : e.getMessage()));
            return Main.INPUT_ERROR;
        }
        DjangoMigrations found;
        try {
            String module = SettingsModule.of(project, settings);
            String interpreter = PythonInterpreter.find(project, python);
            found = new DjangoHelper(project, interpreter).migrations(module, url);
        } catch (DjangoProjectException e) {
            err.println("phasewise django lint: " + e.getMessage());
            return Main.INPUT_ERROR;
        }
        List<String> unknown = apps.stream()
                .filter(a -> found.migrations().stream().noneMatch(m -> m.app().equals(a))).toList();
        if (!unknown.isEmpty()) {
            err.println("phasewise django lint: Django project " + project + ": no migrations for app "
                    + String.join(", ", unknown));
            return Main.INPUT_ERROR;
        }
        String unreadable = found.sqlErrorUpTo(selected());
        if (unreadable != null) {
            err.println("phasewise django lint: Django project " + project + ": " + unreadable);
            return Main.INPUT_ERROR;
        }
        Analyzer analyzer = new Analyzer(version, Rules.ALL, null);
        List<FileAnalysis> sql = new MigrationLint(analyzer).lint(found.migrations(), new SchemaModel(), selected());
        // the Django rules: what Django knows of each migration, and the models no migration covers yet
        DjangoChecks checks = new DjangoChecks(DjangoRules.ALL);
        List<FileAnalysis> results = new ArrayList<>(checks.apply(
                found.migrations().stream().filter(selected()).toList(), sql, found.addIndexConcurrently()));
        results.addAll(checks.pending(found.pending(), a -> apps.isEmpty() || apps.contains(a),
                project.resolve("manage.py").toAbsolutePath().normalize().toString()));
        Report report = new Report(results, version.major());
        List<RuleMeta> rules = new ArrayList<>(Rules.ALL.stream().map(Rule::meta).toList());
        rules.addAll(DjangoRules.metas());
        ReportWriter.write(report, format, color, verbose, rules);
        if (report.hasInputErrors()) {
            return Main.INPUT_ERROR;
        }
        return report.hasFindingsAtOrAbove(threshold) ? Main.FINDINGS : Main.OK;
    }

    /** The named apps (all when none is named), without what the database has applied unless --all. */
    private Predicate<DjangoMigration> selected() {
        return m -> (apps.isEmpty() || apps.contains(m.app())) && (all || !Boolean.TRUE.equals(m.applied()));
    }
}
