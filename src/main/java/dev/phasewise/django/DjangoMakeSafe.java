package dev.phasewise.django;

import dev.phasewise.analysis.cost.Throughput;
import dev.phasewise.analysis.parse.SourceProblem;
import dev.phasewise.analysis.pg.PgVersion;
import dev.phasewise.analysis.schema.SchemaModel;
import dev.phasewise.convert.Conversion;
import dev.phasewise.convert.Converter;
import dev.phasewise.convert.Outcome;
import dev.phasewise.plan.Plan;
import dev.phasewise.plan.PlanFiles;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A risky Django migration made safe as Django migrations: its SQL (as {@code sqlmigrate} prints it)
 * goes through the converter with all earlier migrations as its schema, the phased plan becomes a
 * series of migrations ({@link DjangoSeries}) that the project's own Django writes out, carrying the
 * original's model state at the end; later migrations that depended on it are re-pointed at the
 * series' last, and the plan is written beside them as {@code <migration>.plan.yaml}, so the same
 * change can be rehearsed and printed as a runbook.
 */
public final class DjangoMakeSafe {
    /** What sqlmigrate prints for an operation that is Python, not SQL (a RunPython). */
    static final String PYTHON_OPERATION = "-- MIGRATION NOW PERFORMS OPERATION THAT CANNOT BE WRITTEN AS SQL";

    private final DjangoHelper helper;
    private final String settingsModule;
    private final PgVersion version;
    private Throughput throughput;

    public DjangoMakeSafe(DjangoHelper helper, String settingsModule, PgVersion version) {
        this.helper = helper;
        this.settingsModule = settingsModule;
        this.version = version;
    }

    /** With a measured throughput, the account says how long each avoided lock would have been held. */
    public DjangoMakeSafe withThroughput(Throughput measured) {
        this.throughput = measured;
        return this;
    }

    /** The migration the user named, as {@code sqlmigrate} takes it: its name or a prefix only it has. */
    public DjangoMigration find(DjangoMigrations found, String app, String migration) throws DjangoProjectException {
        List<DjangoMigration> ofApp = found.migrations().stream().filter(m -> m.app().equals(app)).toList();
        if (ofApp.isEmpty()) {
            throw failure("no app " + app + " with migrations in the project");
        }
        for (DjangoMigration m : ofApp) {
            if (m.name().equals(migration)) {
                return m;
            }
        }
        List<DjangoMigration> prefixed = ofApp.stream().filter(m -> m.name().startsWith(migration)).toList();
        if (prefixed.size() == 1) {
            return prefixed.get(0);
        }
        throw failure(prefixed.isEmpty()
                ? "no migration " + app + "." + migration + " (the app has " + String.join(", ",
                        ofApp.stream().map(DjangoMigration::name).toList()) + ")"
                : "more than one migration of " + app + " starts with " + migration + ": " + String.join(", ",
                        prefixed.stream().map(DjangoMigration::name).toList()) + "; give more of the name");
    }

    /**
     * The conversion of one migration and the files it would write; nothing is written yet. When the
     * converter changes nothing (every statement safe as written, or none it can cure), there are no files.
     */
    public SafeSeries prepare(DjangoMigrations found, String app, String migration) throws DjangoProjectException {
        DjangoMigration target = find(found, app, migration);
        if (Boolean.TRUE.equals(target.applied())) {
            throw failure("migration " + target.label() + " is already applied on the " + found.database()
                    + ": Django would run the series that replaces it there again; make a migration safe before any "
                    + "database applies it");
        }
        String unreadable = found.sqlErrorUpTo(m -> m == target);
        if (unreadable != null) {
            throw failure(unreadable + " (give --url a database migrated up to before " + target.label()
                    + ", or point the settings at one)");
        }
        SchemaModel schema = MigrationLint.schemaBefore(found.migrations(), new SchemaModel(), target);
        Conversion conversion = new Converter(version).withThroughput(throughput)
                .convert(MigrationLint.fileName(target), target.sql(), schema);
        if (conversion.hasInputErrors()) {
            SourceProblem first = conversion.problems().stream().filter(SourceProblem::error).findFirst().orElseThrow();
            throw failure("the SQL of migration " + target.label() + " does not read: line "
                    + first.line() + ": " + first.message());
        }
        boolean changed = conversion.account().stream().anyMatch(e -> e.outcome() == Outcome.REWRITTEN
                || e.outcome() == Outcome.MOVED || e.outcome() == Outcome.MERGED);
        if (!changed) {
            return new SafeSeries(target, conversion, List.of(), null, null);
        }
        boolean withCode = target.sql().contains(PYTHON_OPERATION);
        Plan plan = rename(conversion.plan(), target, withCode);
        List<SeriesMigration> series = DjangoSeries.of(plan, target.name(), withCode);
        DjangoHelper.Rendered rendered = helper.render(settingsModule, target.app(), target.name(), series,
                "Part of " + target.label() + ", made safe by phasewise django make-safe (plan: " + planFileName(target)
                        + ").");
        Path planFile = rendered.remove().resolveSibling(planFileName(target));
        return new SafeSeries(target, new Conversion(plan, conversion.account(), conversion.problems()), series,
                rendered, planFile);
    }

    /** Writes the series, the plan and the re-pointed migrations, then removes the original file. */
    public List<Path> write(SafeSeries safe) throws DjangoProjectException {
        if (safe.rendered() == null) {
            return List.of();
        }
        List<Path> written = new ArrayList<>();
        try {
            for (DjangoHelper.FileText f : safe.rendered().files()) {
                if (Files.exists(f.path())) {
                    throw failure(f.path() + " exists already: was this migration made safe before?");
                }
            }
            for (DjangoHelper.FileText f : safe.rendered().files()) {
                Files.writeString(f.path(), f.text());
                written.add(f.path());
            }
            Files.writeString(safe.planFile(), PlanFiles.toYaml(safe.conversion().plan()));
            written.add(safe.planFile());
            for (DjangoHelper.FileText f : safe.rendered().repointed()) {
                Files.writeString(f.path(), f.text());
                written.add(f.path());
            }
            // last: until here, a failure leaves the original in place beside what was written
            Files.delete(safe.rendered().remove());
        } catch (IOException e) {
            throw failure("cannot write " + e.getMessage() + " (written so far: " + written + ")");
        }
        return written;
    }

    private DjangoProjectException failure(String what) {
        return new DjangoProjectException("Django project " + helper.project() + ": " + what);
    }

    private static String planFileName(DjangoMigration m) {
        return m.name() + ".plan.yaml";
    }

    private static Plan rename(Plan p, DjangoMigration m, boolean withCode) {
        return new Plan(p.version(), m.label() + " (made safe)", "Converted by phasewise django make-safe from "
                + m.label() + ": each risky statement became phased steps that end in the same schema and data; "
                + "the Django migrations " + m.name() + "_<n>_<phase> run the same steps."
                + (withCode ? " The original's RunPython is not in this plan: it runs in its own Django migration, "
                + "between the expand phase and the backfills." : ""), p.target(), p.lockTimeout(),
                p.statementTimeout(), p.phases());
    }
}
