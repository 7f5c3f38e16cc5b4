package dev.phasewise.analysis.rules;

import dev.phasewise.analysis.sql.Command;

/** BEGIN inside a transaction, COMMIT/ROLLBACK outside one. */
public final class TransactionNesting implements Rule {
    public static final RuleMeta META = new RuleMeta("PW204", "transaction-nesting", Severity.WARNING,
            "BEGIN inside a transaction, or COMMIT/ROLLBACK outside one",
            "PostgreSQL has no nested transactions: a second BEGIN is ignored with a warning, so the COMMIT meant "
                    + "for the inner block commits everything early; inside a migration tool's transaction a COMMIT "
                    + "ends the tool's transaction and the rest runs unprotected.",
            "Let one party own the transaction: remove BEGIN/COMMIT when the tool wraps the migration, or turn "
                    + "the tool's transaction off (Django atomic = False) when the file manages its own.");

    @Override
    public RuleMeta meta() {
        return META;
    }

    @Override
    public void check(StatementContext ctx, FindingSink out) {
        if (!(ctx.command() instanceof Command.Transaction t)) {
            return;
        }
        TransactionState tx = ctx.tx();
        if (t.kind().equals("begin") && tx.inTransaction()) {
            out.report(META, ctx.index(), tx.explicitBlock() ? "BEGIN inside the transaction opened at statement "
                    + tx.beginStatement() + " is ignored: its COMMIT will commit both"
                    : "BEGIN inside the transaction that the migration tool wraps around this file",
                    "-- remove this BEGIN and its COMMIT");
        } else if ((t.kind().equals("commit") || t.kind().equals("rollback")) && !tx.explicitBlock()) {
            out.report(META, ctx.index(), tx.wrapsFile()
                    ? t.kind().toUpperCase() + " ends the transaction the migration tool opened: what follows runs "
                    + "outside it" : t.kind().toUpperCase() + " without BEGIN does nothing",
                    "-- remove this " + t.kind().toUpperCase());
        }
    }
}
