package dev.phasewise.analysis.rules;

import dev.phasewise.analysis.pg.LockMode;
import dev.phasewise.analysis.rules.TransactionState.HeldLock;
import dev.phasewise.analysis.sql.Command;

/** More work after taking ACCESS EXCLUSIVE in the same transaction keeps the table blocked meanwhile. */
public final class LockHeldAcrossStatements implements Rule {
    public static final RuleMeta META = new RuleMeta("PW203", "lock-held-across-statements", Severity.WARNING,
            "Statement after an ACCESS EXCLUSIVE lock in the same transaction",
            "Locks are held until the transaction ends. Once a statement has taken ACCESS EXCLUSIVE on a table, "
                    + "every following statement of the transaction runs while the table stays blocked for reads "
                    + "and writes, however quick the first statement was.",
            "Commit right after the statement that takes ACCESS EXCLUSIVE; run the rest in its own transaction.");

    @Override
    public RuleMeta meta() {
        return META;
    }

    @Override
    public void check(StatementContext ctx, FindingSink out) {
        if (!ctx.tx().inTransaction() || ctx.command() instanceof Command.Transaction
                || ctx.command() instanceof Command.SetVariable) {
            return;
        }
        for (HeldLock held : ctx.tx().heldLocks().values()) {
            if (held.mode() == LockMode.ACCESS_EXCLUSIVE) {
                out.report(META, ctx.index(), "statement " + held.statementIndex() + " took AccessExclusiveLock on "
                        + held.table() + ", held until commit: while this statement runs it still blocks all reads "
                        + "and writes of " + held.table(), "COMMIT;  -- release " + held.table()
                        + " first\nBEGIN;\n" + Support.semicolon(ctx.statement().text()));
                return;
            }
        }
    }
}
