package dev.phasewise.analysis.rules;

import dev.phasewise.analysis.cost.TableEffect;
import dev.phasewise.analysis.pg.LockMode;
import dev.phasewise.analysis.sql.Command;

/** REINDEX without CONCURRENTLY blocks writes (and reads that use the index). */
public final class RequireConcurrentReindex implements Rule {
    public static final RuleMeta META = new RuleMeta("PW104", "require-concurrent-reindex", Severity.WARNING,
            "REINDEX without CONCURRENTLY",
            "REINDEX takes a SHARE lock on the table, blocking every write while the index is rebuilt, and an "
                    + "ACCESS EXCLUSIVE lock on the index itself, so queries that would use it wait too.",
            "Use REINDEX ... CONCURRENTLY (PostgreSQL 12+), outside a transaction block.");

    @Override
    public RuleMeta meta() {
        return META;
    }

    @Override
    public void check(StatementContext ctx, FindingSink out) {
        if (ctx.command() instanceof Command.Reindex r && !r.concurrently()
                && (r.target().equals("index") || r.target().equals("table"))) {
            for (TableEffect e : ctx.effects()) {
                if (e.preexisting()) {
                    out.report(META, ctx.index(), "REINDEX takes SHARE on " + e.name() + ": it "
                            + LockMode.SHARE.effectOn(e.name()) + " until the rebuild ends",
                            Support.semicolon(Support.insertAfterWord(ctx.statement().text(), r.target(),
                                    " CONCURRENTLY")));
                    return;
                }
            }
        }
    }
}
