package dev.phasewise.analysis.rules;

import dev.phasewise.analysis.cost.TableEffect;

/** A scan or rewrite under a blocking lock with no statement_timeout to bound it. */
public final class RequireStatementTimeout implements Rule {
    public static final RuleMeta META = new RuleMeta("PW202", "require-statement-timeout", Severity.INFO,
            "Long operation under a blocking lock without statement_timeout",
            "A scan or rewrite of an existing table under a lock that blocks writes lasts as long as the table is "
                    + "big; without statement_timeout nothing stops it when production turns out larger than staging.",
            "SET statement_timeout to the duration rehearsed on staging plus a margin, so that an overrun aborts "
                    + "(and rolls back) instead of blocking the application indefinitely.");

    @Override
    public RuleMeta meta() {
        return META;
    }

    @Override
    public void check(StatementContext ctx, FindingSink out) {
        if (ctx.tx().statementTimeoutSet()) {
            return;
        }
        for (TableEffect e : ctx.effects()) {
            if (e.preexisting() && e.relation().holdsExistingRows() && (e.scan() || e.rewrite())
                    && e.lock().blocksWrites()) {
                out.report(META, ctx.index(), "the " + (e.rewrite() ? "rewrite" : "scan") + " of " + e.name()
                        + " runs under " + e.lock().pgName() + " with no time limit",
                        "SET statement_timeout = '5min';  -- the rehearsed duration plus a margin\n"
                                + Support.semicolon(ctx.statement().text()));
                return;
            }
        }
    }
}
