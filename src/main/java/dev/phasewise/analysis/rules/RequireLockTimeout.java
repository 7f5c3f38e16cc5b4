package dev.phasewise.analysis.rules;

import dev.phasewise.analysis.cost.TableEffect;
import dev.phasewise.analysis.pg.LockMode;

/** A lock that blocks the application, requested with no lock_timeout. */
public final class RequireLockTimeout implements Rule {
    public static final RuleMeta META = new RuleMeta("PW201", "require-lock-timeout", Severity.WARNING,
            "Lock that blocks the application taken without lock_timeout",
            "A statement that needs a lock conflicting with application traffic first waits for every running "
                    + "transaction on the table (a long report, an idle-in-transaction session). While it waits, "
                    + "every new query on the table queues behind it: a two-second wait becomes a two-second outage, "
                    + "an hour's wait an hour's outage.",
            "SET lock_timeout (e.g. '2s') before the statement, so that it gives up instead of queueing in front of "
                    + "the application, and retry with back-off (phasewise run does).");

    @Override
    public RuleMeta meta() {
        return META;
    }

    @Override
    public void check(StatementContext ctx, FindingSink out) {
        if (ctx.tx().lockTimeoutSet()) {
            return;
        }
        for (TableEffect e : ctx.effects()) {
            if (e.preexisting() && (e.lock().blocksWrites() || e.lock() == LockMode.ACCESS_EXCLUSIVE)) {
                out.report(META, ctx.index(), "the statement waits without limit for " + e.lock().pgName() + " on "
                        + e.name() + "; while it waits, it "
                        + e.lock().effectOn(e.name()).replaceFirst("^blocks", "already blocks"),
                        "SET lock_timeout = '2s';\n" + Support.semicolon(ctx.statement().text()));
                return;
            }
        }
    }
}
