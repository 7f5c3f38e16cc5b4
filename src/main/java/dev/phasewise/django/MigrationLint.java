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

    /**
     * The schema {@code target} is linted against: {@code base} with the SQL of every migration before it in
     * the plan applied, as {@link #lint} builds it. A fresh model: the caller may keep or change it.
     */
    public static SchemaModel schemaBefore(List<DjangoMigration> plan, SchemaModel base, DjangoMigration target) {
        SchemaModel schema = base.copy();
        for (DjangoMigration m : plan) {
            if (m.label().equals(target.label())) {
                return schema;
            }
            SchemaFiles.apply(schema, m.sql(), p -> { });
        }
        throw new IllegalArgumentException("migration " + target.label() + " is not in the plan");
    }

    static String fileName(DjangoMigration m) {
        return m.file() != null ? m.file().toString() : m.app() + "/migrations/" + m.name() + ".py";
    }
}
