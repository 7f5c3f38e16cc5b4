package dev.phasewise.analysis.rules;

import dev.phasewise.analysis.cost.TableEffect;
import dev.phasewise.analysis.sql.Command;

/** TRUNCATE of a live table. */
public final class TruncateTable implements Rule {
    public static final RuleMeta META = new RuleMeta("PW121", "truncate-table", Severity.WARNING,
            "TRUNCATE of an existing table",
            "TRUNCATE takes ACCESS EXCLUSIVE (blocking every read and write until commit) and deletes every row "
                    + "at once; it cannot be undone after commit and is not seen by row triggers.",
            "Delete in batches when the table is live, or make sure the application no longer uses it.");

    @Override
    public RuleMeta meta() {
        return META;
    }

    @Override
    public void check(StatementContext ctx, FindingSink out) {
        if (ctx.command() instanceof Command.Truncate t && !t.cascade()) {
            for (TableEffect e : ctx.effects()) {
                if (e.preexisting()) {
                    out.report(META, ctx.index(), "TRUNCATE deletes every row of " + e.name() + " and "
                            + e.lock().effectOn(e.name()) + " until commit",
                            "-- batch by batch instead:\nDELETE FROM " + Support.q(e.relation().name())
                                    + " WHERE ctid IN (SELECT ctid FROM " + Support.q(e.relation().name())
                                    + " LIMIT 5000);");
                    return;
                }
            }
        }
    }
}
