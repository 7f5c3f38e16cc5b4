package dev.phasewise.analysis.sql;

import java.util.List;

/**
 * A table constraint as written in CREATE TABLE or ALTER TABLE ... ADD CONSTRAINT.
 *
 * @param name       the constraint name, or null when PostgreSQL will choose one
 * @param columns    key columns (UNIQUE, PRIMARY KEY, FOREIGN KEY, NOT NULL), empty for CHECK
 * @param check      the CHECK expression, null otherwise
 * @param references the referenced table of a FOREIGN KEY, null otherwise
 * @param usingIndex the index of {@code UNIQUE/PRIMARY KEY USING INDEX}, null otherwise
 * @param notValid   {@code NOT VALID} was given
 */
public record TableConstraint(String name, ConstraintKind kind, List<String> columns, Expr check,
                              ForeignKeyRef references, String usingIndex, boolean notValid) {
}
