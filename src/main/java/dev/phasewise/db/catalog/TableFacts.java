package dev.phasewise.db.catalog;

import java.util.List;

/**
 * What the catalog knows about one table, for the lock panel and for {@code phasewise inspect}:
 * how big it is, its shape, and everything that a migration of it touches as well (indexes to
 * rebuild, constraints to validate, triggers that fire per row, views that depend on its columns,
 * foreign keys that lock the other table, partitions).
 *
 * @param exactRows the result of {@code count(*)}, or -1 when not asked for (it reads the table)
 */
public record TableFacts(String name, String kind, long estimatedRows, long exactRows, long heapBytes,
                         long indexBytes, long toastBytes, List<ColumnFact> columns, List<IndexFact> indexes,
                         List<ConstraintFact> constraints, List<TriggerFact> triggers, List<String> dependentViews,
                         List<ForeignKeyFact> foreignKeysOut, List<ForeignKeyFact> foreignKeysIn, String parent,
                         List<String> partitions, long deadRows, String lastVacuum, String lastAnalyze) {

    public long totalBytes() {
        return heapBytes + indexBytes + toastBytes;
    }

    public record ColumnFact(String name, String type, boolean notNull, String defaultExpression) {
    }

    public record IndexFact(String name, String definition, boolean valid, boolean unique, boolean primary,
                            boolean partial, long bytes) {
    }

    /** @param type p, u, c, f, x or n, as in pg_constraint.contype */
    public record ConstraintFact(String name, String type, String definition, boolean validated) {
    }

    public record TriggerFact(String name, String definition, boolean enabled) {
    }

    public record ForeignKeyFact(String name, String fromTable, String toTable, String definition, boolean validated) {
    }
}
