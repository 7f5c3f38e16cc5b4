package dev.phasewise.analysis.rules;

import dev.phasewise.analysis.pg.LockMode;
import dev.phasewise.analysis.sql.Command;

/** REFRESH MATERIALIZED VIEW without CONCURRENTLY blocks readers of the view. */
public final class RefreshMaterializedViewBlocksReads implements Rule {
    public static final RuleMeta META = new RuleMeta("PW117", "refresh-materialized-view-concurrently",
            Severity.WARNING, "REFRESH MATERIALIZED VIEW without CONCURRENTLY",
            "A plain refresh replaces the view's contents under ACCESS EXCLUSIVE: every query on the view waits "
                    + "for the whole refresh.",
            "Give the view a unique index and use REFRESH MATERIALIZED VIEW CONCURRENTLY, which takes EXCLUSIVE "
                    + "and lets reads continue.");

    @Override
    public RuleMeta meta() {
        return META;
    }

    @Override
    public void check(StatementContext ctx, FindingSink out) {
        if (ctx.command() instanceof Command.RefreshMaterializedView r && !r.concurrently() && r.withData()
                && ctx.preexisting(r.name())) {
            out.report(META, ctx.index(), "the refresh " + Support.effect(ctx, r.name(), LockMode.ACCESS_EXCLUSIVE),
                    "REFRESH MATERIALIZED VIEW CONCURRENTLY " + Support.q(r.name()) + ";");
        }
    }
}
