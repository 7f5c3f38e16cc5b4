package dev.phasewise.ui.window;

import dev.phasewise.analysis.cost.Throughput;
import dev.phasewise.analysis.parse.SourceProblem;
import dev.phasewise.analysis.pg.PgVersion;
import dev.phasewise.analysis.schema.SchemaModel;
import dev.phasewise.convert.Conversion;
import dev.phasewise.convert.Converter;
import dev.phasewise.convert.LockComparison;
import dev.phasewise.django.DjangoHelper;
import dev.phasewise.django.DjangoMakeSafe;
import dev.phasewise.django.DjangoMigration;
import dev.phasewise.django.DjangoProjectException;
import dev.phasewise.django.SafeSeries;
import dev.phasewise.plan.Plan;
import dev.phasewise.ui.BackgroundWork;
import dev.phasewise.ui.UiTasks;
import dev.phasewise.ui.conn.ConnectedDatabase;
import dev.phasewise.ui.model.DjangoProjectListing;
import dev.phasewise.ui.model.DjangoSource;
import dev.phasewise.ui.model.PlanDocument;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * "Make it safe": a SQL document converted into a phased plan in the background, against the schema
 * the window analyses with (the catalog, else the sample's or a schema.sql beside the file), with the
 * before / after of every table's locks. The edit itself is the view model's (one undoable step).
 */
public final class MakeSafe {
    /**
     * One conversion: the SQL it started from (to drop it when the document changed meanwhile), what
     * the converter made of it, and the comparison (null when the input had errors).
     */
    public record Result(PlanDocument document, String sqlName, Plan from, Conversion conversion,
                         LockComparison comparison, SafeSeries django) {
        public Result(PlanDocument document, String sqlName, Plan from, Conversion conversion, LockComparison comparison) {
            this(document, sqlName, from, conversion, comparison, null);
        }

        public boolean failed() {
            return conversion.hasInputErrors();
        }

        /** A Django migration whose statements are all safe as written, or beyond what the converter can cure. */
        public boolean changesNothing() {
            return django != null && django.changesNothing();
        }

        /**
         * What Save writes for a Django migration, relative to its project: the series' migrations, the plan and
         * the later migrations re-pointed at the series; then the original that is removed. Empty for SQL.
         */
        public List<String> djangoFiles() {
            if (django == null || django.rendered() == null) {
                return List.of();
            }
            Path project = document.django().map(d -> d.project().project()).orElse(Path.of(""));
            List<String> out = new ArrayList<>();
            django.rendered().files().forEach(f -> out.add("writes " + relative(project, f.path())));
            out.add("writes " + relative(project, django.planFile()));
            django.rendered().repointed().forEach(f -> out.add("re-points " + relative(project, f.path())));
            out.add("removes " + relative(project, django.rendered().remove()));
            return out;
        }

        private static String relative(Path project, Path file) {
            Path f = file.toAbsolutePath().normalize();
            return f.startsWith(project) ? project.relativize(f).toString() : f.toString();
        }

        /** "0042_add_summary_unsafe.sql line 4: syntax error at ..." for the first error of the input. */
        public String firstError() {
            return conversion.problems().stream().filter(SourceProblem::error).findFirst()
                    .map(p -> sqlName + " line " + p.line() + ": " + p.message()).orElse("");
        }
    }

    private final BackgroundWork tasks;
    private final DocumentAnalysis analyses;
    private final ReadOnlyBooleanWrapper converting = new ReadOnlyBooleanWrapper();
    private final ReadOnlyObjectWrapper<Result> last = new ReadOnlyObjectWrapper<>();

    MakeSafe(BackgroundWork tasks, DocumentAnalysis analyses) {
        this.tasks = tasks;
        this.analyses = analyses;
    }

    /** Converts the document's statements off the FX thread; {@code done} gets the result on it. */
    void convert(PlanDocument doc, ConnectedDatabase c, Consumer<Result> done, Consumer<String> failed) {
        Plan from = doc.plan();
        // the file's own text while its statements are unedited: the account's and errors' lines are the file's
        String source = doc.sqlSource();
        String name = doc.displayName();
        PgVersion version = c != null ? c.version() : PgVersion.DEFAULT;
        Throughput throughput = c == null ? null : c.throughput();
        converting.set(true);
        tasks.run("make it safe", () -> {
            SchemaModel schema = analyses.schemaFor(doc, c);
            Conversion conversion = new Converter(version).withThroughput(throughput).convert(name, source, schema);
            LockComparison comparison = conversion.hasInputErrors() ? null
                    : LockComparison.of(name, source, conversion.plan(), schema, version, throughput);
            return new Result(doc, name, from, conversion, comparison);
        }, result -> {
            converting.set(false);
            done.accept(result);
        }, failure -> {
            converting.set(false);
            failed.accept(UiTasks.describe(failure));
        });
    }

    /**
     * A migration of a Django project made safe as Django migrations ({@link DjangoMakeSafe}): its own Django
     * renders the series (seconds, off the FX thread) from the migration as the project has it; nothing is
     * written until Save. {@code failed} gets the message, which names the project and the migration.
     */
    void convertDjango(PlanDocument doc, ConnectedDatabase c, Consumer<Result> done, Consumer<String> failed) {
        DjangoSource source = doc.django().orElseThrow();
        DjangoProjectListing project = source.project();
        DjangoMigration m = source.migration();
        Plan from = doc.plan();
        String name = doc.displayName();
        PgVersion version = c != null ? c.version() : PgVersion.DEFAULT;
        Throughput throughput = c == null ? null : c.throughput();
        SchemaModel catalog = c == null ? null : c.schema();
        converting.set(true);
        tasks.run("make it safe (Django)", () -> {
            DjangoMakeSafe makeSafe = new DjangoMakeSafe(new DjangoHelper(project.project(), project.python()),
                    project.settingsModule(), version).withThroughput(throughput);
            SafeSeries safe = makeSafe.prepare(project.found(), m.app(), m.name());
            LockComparison comparison = safe.changesNothing() ? null : LockComparison.of(name, m.sql(),
                    safe.conversion().plan(), source.schemaSizedBy(catalog), version, throughput);
            return new Result(doc, name, from, safe.conversion(), comparison, safe);
        }, result -> {
            converting.set(false);
            done.accept(result);
        }, failure -> {
            converting.set(false);
            failed.accept(UiTasks.describe(failure));
        });
    }

    /**
     * Writes the Django files of a made-safe migration (small files, as Save writes a plan): the series, the
     * plan beside them, the re-pointed later migrations, then the original is removed.
     */
    static List<Path> writeDjango(PlanDocument doc, SafeSeries safe) throws DjangoProjectException {
        DjangoProjectListing project = doc.django().orElseThrow().project();
        return new DjangoMakeSafe(new DjangoHelper(project.project(), project.python()), project.settingsModule(),
                project.version()).write(safe);
    }

    /** The name the plan is saved under: the SQL file's, ending .plan.yaml. */
    static String planName(String sqlName) {
        String base = sqlName.replaceFirst("(?i)\\.sql$", "");
        return base + ".plan.yaml";
    }

    /** Converting now: the action is disabled meanwhile. */
    public ReadOnlyBooleanProperty convertingProperty() {
        return converting.getReadOnlyProperty();
    }

    /** The latest conversion that changed the document: the window shows its before / after. */
    public ReadOnlyObjectProperty<Result> lastProperty() {
        return last.getReadOnlyProperty();
    }

    void applied(Result result) {
        last.set(result);
    }
}
