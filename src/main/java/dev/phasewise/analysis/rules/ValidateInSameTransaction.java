package dev.phasewise.analysis.rules;

import dev.phasewise.analysis.rules.TransactionState.HeldLock;
import dev.phasewise.analysis.sql.AlterAction;
import dev.phasewise.analysis.sql.QualifiedName;

/** VALIDATE CONSTRAINT loses its point when the transaction already blocks the table. */
public final class ValidateInSameTransaction implements Rule {
    public static final RuleMeta META = new RuleMeta("PW107", "validate-in-same-transaction", Severity.WARNING,
            "VALIDATE CONSTRAINT in the transaction that already locked the table",
            "VALIDATE CONSTRAINT is cheap for the application only because it takes SHARE UPDATE EXCLUSIVE. When "
                    + "the same transaction has already taken a stronger lock on the table (for example with the "
                    + "ADD CONSTRAINT ... NOT VALID just before), that lock is held during the whole validation scan.",
            "Commit after ADD CONSTRAINT ... NOT VALID and validate in a separate transaction (a separate "
                    + "migration when the tool wraps each file in one).");

    @Override
    public RuleMeta meta() {
        return META;
    }

    @Override
    public void check(StatementContext ctx, FindingSink out) {
        QualifiedName table = Support.alteredTable(ctx);
        if (table == null || !ctx.tx().inTransaction()) {
            return;
        }
        for (AlterAction.ValidateConstraint v : Support.actions(ctx, AlterAction.ValidateConstraint.class)) {
            HeldLock held = ctx.tx().heldLocks().get(table.display());
            if (held != null && held.mode().blocksWrites()) {
                out.report(META, ctx.index(), "the transaction already holds " + held.mode().pgName() + " on "
                        + table.display() + " (statement " + held.statementIndex() + "), so validating "
                        + v.name() + " " + held.mode().effectOn(table.display()) + " for the whole scan",
                        "COMMIT;\nBEGIN;\nALTER TABLE " + Support.q(table) + " VALIDATE CONSTRAINT "
                                + Support.q(v.name()) + ";\nCOMMIT;");
            }
        }
    }
}
