package dev.phasewise.ui.window;

import dev.phasewise.analysis.cost.Throughput;
import dev.phasewise.analysis.parse.SourceProblem;
import dev.phasewise.analysis.pg.PgVersion;
import dev.phasewise.analysis.schema.SchemaModel;
import dev.phasewise.convert.Conversion;
import dev.phasewise.convert.Converter;
import dev.phasewise.convert.LockComparison;
import dev.phasewise.plan.Plan;
import dev.phasewise.ui.BackgroundWork;
import dev.phasewise.ui.UiTasks;
import dev.phasewise.ui.conn.ConnectedDatabase;
import dev.phasewise.ui.model.PlanDocument;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;

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
                         LockComparison comparison) {
        public boolean failed() {
            return conversion.hasInputErrors();
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
