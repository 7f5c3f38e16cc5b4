package dev.phasewise.analysis.schema;

import dev.phasewise.analysis.pg.PgVersion;
import dev.phasewise.analysis.sql.ConstraintKind;

/**
 * Whether {@code SET NOT NULL} must scan the table: not when the column is already NOT NULL, nor
 * (PostgreSQL 12+) when a validated {@code CHECK (col IS NOT NULL)} already proves it.
 */
public final class NotNullProof {
    private NotNullProof() {
    }

    public static boolean setNotNullScans(Relation table, String column, PgVersion version) {
        if (table.column(column).map(c -> c.notNull()).orElse(false)) {
            return false;
        }
        if (version.atLeast(12)) {
            for (Constraint c : table.constraintsOfKind(ConstraintKind.CHECK)) {
                if (c.validated() && c.check() != null && c.check().isNotNullCheckOf(column)) {
                    return false;
                }
            }
        }
        return true;
    }
}
