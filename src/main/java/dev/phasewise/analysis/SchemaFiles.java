package dev.phasewise.analysis;

import dev.phasewise.analysis.parse.SourceProblem;
import dev.phasewise.analysis.parse.Splitter;
import dev.phasewise.analysis.parse.Statement;
import dev.phasewise.analysis.schema.SchemaApplier;
import dev.phasewise.analysis.schema.SchemaModel;
import dev.phasewise.analysis.sql.Command;

import java.util.function.Consumer;

/**
 * Builds a schema model from SQL that declares what exists before a migration: a
 * {@code pg_dump --schema-only} or the earlier migrations. Everything it declares is taken to
 * exist with rows.
 */
public final class SchemaFiles {
    private SchemaFiles() {
    }

    /** Applies one schema source to the model; statements it cannot parse are reported and skipped. */
    public static void apply(SchemaModel model, String source, Consumer<SourceProblem> problems) {
        SchemaApplier applier = new SchemaApplier(model, false);
        SearchPathSession searchPath = new SearchPathSession(model);
        for (Statement s : new Splitter(source, p -> {
            if (p.error()) {
                problems.accept(p);
            }
        })) {
            Command c = searchPath.parse(s);
            if (c instanceof Command.Invalid invalid) {
                problems.accept(SourceProblem.error(invalid.line(), invalid.column(), invalid.message()));
                continue;
            }
            applier.apply(c);
            // a schema dump's SET LOCAL is as good as its SET: nothing between them ends a transaction
            searchPath.after(c, true);
        }
        searchPath.finish();
    }

    public static SchemaModel of(String source) {
        SchemaModel m = new SchemaModel();
        apply(m, source, p -> { });
        return m;
    }
}
