package dev.phasewise.ui.model;

import dev.phasewise.analysis.Analyzer;
import dev.phasewise.analysis.FileAnalysis;
import dev.phasewise.analysis.StatementResult;
import dev.phasewise.analysis.pg.PgVersion;
import dev.phasewise.analysis.rules.Finding;
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

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A Django project as the window lists it: its migrations in plan order, as its own Django gives them
 * (with the applied ones told apart when a database was asked), each linted with all earlier ones as its
 * schema, exactly as {@code phasewise django lint} does. Read once, in the background; no JavaFX.
 *
 * @param settingsModule the one manage.py sets
 * @param python         the interpreter that has the project's Django
 * @param analyses       each migration's analysis, by {@link DjangoMigration#label()}
 * @param version        the PostgreSQL version it was analysed for
 */
public record DjangoProjectListing(Path project, String settingsModule, String python, DjangoMigrations found,
                                   Map<String, FileAnalysis> analyses, PgVersion version) {

    /**
     * Runs the project's Django (seconds: call it off the FX thread) and lints every migration.
     *
     * @param url         the database whose applied migrations are read, or null for none
     * @param environment for the helper process (a password that must not be on its command line)
     */
    public static DjangoProjectListing read(Path dir, String url, Map<String, String> environment, PgVersion version)
            throws DjangoProjectException {
        Path project = dir.toAbsolutePath().normalize();
        String module = SettingsModule.of(project, null);
        String python = PythonInterpreter.find(project, null);
        DjangoMigrations found = new DjangoHelper(project, python, environment).migrations(module, url);
        List<FileAnalysis> results = new MigrationLint(new Analyzer(version, Rules.ALL, null))
                .lint(found.migrations(), new SchemaModel(), m -> true);
        Map<String, FileAnalysis> byLabel = new LinkedHashMap<>();
        for (int i = 0; i < results.size(); i++) {
            byLabel.put(found.migrations().get(i).label(), results.get(i));
        }
        return new DjangoProjectListing(project, module, python, found, Map.copyOf(byLabel), version);
    }

    /** The directory's name, as the window calls the project. */
    public String name() {
        return project.getFileName() == null ? project.toString() : project.getFileName().toString();
    }

    public List<DjangoMigration> migrations() {
        return found.migrations();
    }

    /** Whether a database said which migrations it has applied. */
    public boolean knowsApplied() {
        return migrations().stream().anyMatch(m -> m.applied() != null);
    }

    /** The apps in the order their first migration comes in the plan. */
    public List<String> apps() {
        return List.copyOf(new LinkedHashSet<>(migrations().stream().map(DjangoMigration::app).toList()));
    }

    /** One app's migrations, in plan order. */
    public List<DjangoMigration> of(String app) {
        return migrations().stream().filter(m -> m.app().equals(app)).toList();
    }

    /** An app of the project itself (its migrations are files under the project), not one of Django's or a library's. */
    public boolean ownApp(String app) {
        return of(app).stream().anyMatch(m -> m.file() != null && m.file().toAbsolutePath().normalize().startsWith(project));
    }

    /** Where the migration comes in the plan, from 1. */
    public int position(DjangoMigration m) {
        return migrations().indexOf(m) + 1;
    }

    public Optional<DjangoMigration> find(String label) {
        return migrations().stream().filter(m -> m.label().equals(label)).findFirst();
    }

    /** The migration's findings, all statements together. */
    public List<Finding> findings(DjangoMigration m) {
        FileAnalysis a = analyses.get(m.label());
        List<Finding> out = new ArrayList<>();
        if (a != null) {
            for (StatementResult r : a.statements()) {
                out.addAll(r.findings());
            }
        }
        return out;
    }

    /** The most severe finding of the migration; empty when it has none (an input error counts as an error). */
    public Optional<Severity> worst(DjangoMigration m) {
        FileAnalysis a = analyses.get(m.label());
        if (m.sqlError() != null || a != null && a.hasInputErrors()) {
            return Optional.of(Severity.ERROR);
        }
        return findings(m).stream().map(Finding::severity).max(Enum::compareTo);
    }

    /**
     * Why the migration cannot be analysed: its SQL, or that of one before it (its schema), could not be
     * collected without a database (Django asked one it could not reach); null when it can be.
     */
    public String sqlErrorUpTo(DjangoMigration m) {
        return found.sqlErrorUpTo(x -> x.label().equals(m.label()));
    }

    /** The schema the migration is analysed against: the project's earlier migrations applied in plan order. */
    public SchemaModel schemaBefore(DjangoMigration m) {
        return MigrationLint.schemaBefore(migrations(), new SchemaModel(), m);
    }
}
