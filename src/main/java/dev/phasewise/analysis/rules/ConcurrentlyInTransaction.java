package dev.phasewise.analysis.rules;

import dev.phasewise.analysis.sql.AlterAction;
import dev.phasewise.analysis.sql.Command;

/** Statements PostgreSQL refuses inside a transaction block. */
public final class ConcurrentlyInTransaction implements Rule {
    public static final RuleMeta META = new RuleMeta("PW103", "ban-concurrently-in-transaction", Severity.ERROR,
            "A statement that cannot run inside a transaction block is in one",
            "CREATE/DROP INDEX CONCURRENTLY, REINDEX CONCURRENTLY, DETACH PARTITION CONCURRENTLY, VACUUM and "
                    + "CREATE/DROP DATABASE fail with \"cannot run inside a transaction block\" when the migration "
                    + "tool wraps the file in BEGIN ... COMMIT (Flyway, Django's atomic migrations) or the file "
                    + "opens one itself.",
            "Run the statement in a migration of its own without a transaction (Django: atomic = False; Flyway: "
                    + "a separate script, executeInTransaction=false), and make it re-runnable with IF [NOT] EXISTS.");

    @Override
    public RuleMeta meta() {
        return META;
    }

    @Override
    public void check(StatementContext ctx, FindingSink out) {
        if (!ctx.tx().inTransaction()) {
            return;
        }
        String what = nonTransactional(ctx.command());
        if (what != null) {
            if (ctx.tx().codeBlock()) {
                // a DO block (or procedure) runs as one transaction block of its own
                out.report(META, ctx.index(), what + " cannot run inside a transaction block, and a DO block or "
                        + "procedure (statement " + ctx.tx().beginStatement() + ") always runs as one: PostgreSQL "
                        + "will reject it", Support.semicolon(ctx.statement().text())
                        + "  -- as a statement of its own, outside the block");
                return;
            }
            String where = ctx.tx().explicitBlock() ? "the BEGIN of statement " + ctx.tx().beginStatement()
                    : "the transaction the migration tool wraps around this file";
            out.report(META, ctx.index(), what + " cannot run inside a transaction block, and this one is inside "
                    + where + ": PostgreSQL will reject it",
                    "COMMIT;\n" + Support.semicolon(ctx.statement().text()) + "\n-- then start a new transaction "
                            + "if the rest of the migration needs one");
        }
    }

    /** The name of the statement when PostgreSQL refuses it inside a transaction block, else null. */
    public static String nonTransactional(Command c) {
        if (c instanceof Command.CreateIndex i && i.concurrently()) {
            return "CREATE INDEX CONCURRENTLY";
        }
        if (c instanceof Command.DropIndex d && d.concurrently()) {
            return "DROP INDEX CONCURRENTLY";
        }
        if (c instanceof Command.Reindex r && (r.concurrently() || !r.target().equals("index")
                && !r.target().equals("table"))) {
            return r.concurrently() ? "REINDEX CONCURRENTLY" : "REINDEX " + r.target().toUpperCase();
        }
        if (c instanceof Command.Vacuum) {
            return "VACUUM";
        }
        if (c instanceof Command.DropDatabase) {
            return "DROP DATABASE";
        }
        if (c instanceof Command.AlterTable a) {
            for (AlterAction action : a.actions()) {
                if (action instanceof AlterAction.DetachPartition d && d.concurrently()) {
                    return "DETACH PARTITION CONCURRENTLY";
                }
            }
        }
        return null;
    }
}
