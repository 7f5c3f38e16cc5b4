package dev.phasewise.analysis.schema;

import dev.phasewise.analysis.parse.Token;
import dev.phasewise.analysis.pg.PgVersion;
import dev.phasewise.analysis.sql.ConstraintKind;

import java.util.List;

/**
 * Whether {@code SET NOT NULL} must scan the table: not when the column is already NOT NULL, nor
 * (PostgreSQL 12+) when a validated CHECK constraint proves it, which takes a top-level AND-ed
 * {@code col IS NOT NULL} in the check ({@code CHECK (col IS NOT NULL AND col <> '')} too). A
 * CHECK lets a row in when its condition is NULL, so {@code CHECK (col > 0)} or
 * {@code CHECK (col IN (...))} admit NULLs and prove nothing, although the comparison is strict:
 * PostgreSQL scans (the trace corpus shows it on 12 to 18); {@code col IS NULL OR ...} or a
 * condition on another column prove nothing either.
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
                if (c.validated() && c.check() != null && proves(c.check().tokens(), column)) {
                    return false;
                }
            }
        }
        return true;
    }

    private static boolean proves(List<Token> check, String column) {
        return CheckConditions.conjuncts(check).stream().anyMatch(x -> CheckConditions.isNotNullOf(x, column));
    }
}
