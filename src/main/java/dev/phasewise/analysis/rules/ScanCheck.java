package dev.phasewise.analysis.rules;

import dev.phasewise.analysis.schema.Constraint;
import dev.phasewise.analysis.schema.Relation;
import dev.phasewise.analysis.sql.ConstraintKind;

/** Whether SET NOT NULL on a column must scan, as the lock analysis decides it. */
final class ScanCheck {
    private final StatementContext ctx;

    ScanCheck(StatementContext ctx) {
        this.ctx = ctx;
    }

    boolean setNotNullScans(Relation t, String column) {
        if (t.column(column).map(c -> c.notNull()).orElse(false)) {
            return false;
        }
        if (ctx.version().atLeast(12)) {
            for (Constraint c : t.constraintsOfKind(ConstraintKind.CHECK)) {
                if (c.validated() && c.check() != null && c.check().isNotNullCheckOf(column)) {
                    return false;
                }
            }
        }
        return true;
    }
}
