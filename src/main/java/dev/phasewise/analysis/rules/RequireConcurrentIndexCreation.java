package dev.phasewise.analysis.rules;

import dev.phasewise.analysis.pg.LockMode;
import dev.phasewise.analysis.sql.Command;

/** CREATE INDEX without CONCURRENTLY blocks writes for the whole build. */
public final class RequireConcurrentIndexCreation implements Rule {
    public static final RuleMeta META = new RuleMeta("PW101", "require-concurrent-index-creation", Severity.ERROR,
            "CREATE INDEX without CONCURRENTLY on an existing table",
            "A plain CREATE INDEX takes a SHARE lock on the table for the whole build: every INSERT, UPDATE and "
                    + "DELETE waits until the index is built, which on a large table takes minutes.",
            "Build the index with CREATE INDEX CONCURRENTLY, outside a transaction block. It takes SHARE UPDATE "
                    + "EXCLUSIVE, which lets reads and writes continue; if it fails it leaves an INVALID index to drop.");

    @Override
    public RuleMeta meta() {
        return META;
    }

    @Override
    public void check(StatementContext ctx, FindingSink out) {
        // IF NOT EXISTS on an index the schema has: PostgreSQL takes the lock and builds nothing
        if (ctx.command() instanceof Command.CreateIndex i && !i.concurrently() && Support.hasRows(ctx, i.table())
                && !(i.ifNotExists() && ctx.schema().indexNameTaken(i.table(), i.name()))) {
            out.report(META, ctx.index(), "CREATE INDEX takes SHARE on " + i.table().display() + ": it "
                    + Support.effect(ctx, i.table(), LockMode.SHARE) + ", for the whole index build",
                    Support.semicolon(Support.insertAfterWord(ctx.statement().text(), "index", " CONCURRENTLY")));
        }
    }
}
