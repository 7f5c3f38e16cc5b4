package dev.phasewise.analysis.sql;

import java.util.List;

/**
 * A column definition (CREATE TABLE or ADD COLUMN) with its inline constraints.
 *
 * @param defaultValue the DEFAULT expression, or null
 * @param generated    "identity", "stored", "virtual" or null
 * @param constraints  inline constraints other than NOT NULL/NULL/DEFAULT, as table constraints
 */
public record ColumnDef(String name, TypeName type, boolean notNull, Expr defaultValue, String generated,
                        Expr generationExpr, List<TableConstraint> constraints) {

    public boolean hasConstraint(ConstraintKind kind) {
        return constraints.stream().anyMatch(c -> c.kind() == kind);
    }
}
