package dev.phasewise.django;

import dev.phasewise.analysis.Analyzer;
import dev.phasewise.analysis.FileAnalysis;
import dev.phasewise.analysis.SchemaFiles;
import dev.phasewise.analysis.parse.SourceProblem;
import dev.phasewise.analysis.schema.SchemaModel;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Lints a project's migrations in plan order, each with all earlier ones as its schema (their SQL
 * applied to the model, as {@code lint --schema} does with earlier migration files), so that a
 * table an earlier migration created is an existing table with rows, and one the same migration
 * creates is new. Each result is named by the migration's {@code .py} file, its lines those of the
 * operations there ({@link PyFileLines}): that is what the developer opens and commits.
 */
public final class MigrationLint {
    private final Analyzer analyzer;

    public MigrationLint(Analyzer analyzer) {
        this.analyzer = analyzer;
    }

    /** The analyses of the migrations {@code selected} accepts; every migration, selected or not, becomes schema for the later ones. */
    public List<FileAnalysis> lint(List<DjangoMigration> plan, SchemaModel base, Predicate<DjangoMigration> selected) {
        SchemaModel schema = base.copy();
        List<FileAnalysis> results = new ArrayList<>();
        for (DjangoMigration m : plan) {
            if (selected.test(m)) {
                results.add(PyFileLines.of(analyzer.analyze(fileName(m), m.sql(), schema), m));
            }
            List<SourceProblem> ignored = new ArrayList<>();
            // what the schema model cannot follow is reported when that migration is linted, not twice
            SchemaFiles.apply(schema, m.sql(), ignored::add);
        }
        return results;
    }

    static String fileName(DjangoMigration m) {
        return m.file() != null ? m.file().toString() : m.app() + "/migrations/" + m.name() + ".py";
    }
}
