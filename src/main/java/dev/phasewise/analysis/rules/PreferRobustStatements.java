package dev.phasewise.analysis.rules;

import dev.phasewise.analysis.sql.Command;

/** Non-transactional statements must be re-runnable after a failure half-way. */
public final class PreferRobustStatements implements Rule {
    public static final RuleMeta META = new RuleMeta("PW315", "prefer-robust-stmts", Severity.INFO,
            "Statement outside a transaction that cannot be re-run",
            "Outside a transaction a migration that fails half-way stays half-applied: re-running it fails on "
                    + "the objects the first run already created or dropped.",
            "Use IF NOT EXISTS / IF EXISTS on statements that run outside a transaction (CREATE INDEX "
                    + "CONCURRENTLY IF NOT EXISTS, DROP INDEX CONCURRENTLY IF EXISTS).");

    @Override
    public RuleMeta meta() {
        return META;
    }

    @Override
    public void check(StatementContext ctx, FindingSink out) {
        if (ctx.tx().inTransaction()) {
            return;
        }
        String sql = ctx.statement().text();
        if (ctx.command() instanceof Command.CreateIndex i && i.concurrently() && !i.ifNotExists() && i.name() != null) {
            out.report(META, ctx.index(), "a re-run after a failure fails on the existing index " + i.name()
                    + " (check for an INVALID index left by the failure and drop it first)",
                    Support.semicolon(Support.insertAfterWord(sql, "concurrently", " IF NOT EXISTS")));
        } else if (ctx.command() instanceof Command.DropIndex d && d.concurrently() && !d.ifExists()) {
            out.report(META, ctx.index(), "a re-run after the index is gone fails",
                    Support.semicolon(Support.insertAfterWord(sql, "concurrently", " IF EXISTS")));
        }
    }
}
