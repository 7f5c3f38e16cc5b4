package dev.phasewise.analysis.rules;

import dev.phasewise.analysis.cost.TableEffect;
import dev.phasewise.analysis.sql.Command;

/** VACUUM FULL and CLUSTER rewrite the table under ACCESS EXCLUSIVE. */
public final class BanVacuumFullAndCluster implements Rule {
    public static final RuleMeta META = new RuleMeta("PW116", "ban-vacuum-full-and-cluster", Severity.ERROR,
            "VACUUM FULL or CLUSTER on a live table",
            "Both copy the whole table into a new file and rebuild every index while holding ACCESS EXCLUSIVE: "
                    + "the table is unreadable and unwritable for the whole copy.",
            "Use plain VACUUM (no exclusive lock) to make space reusable, or an online repack tool (pg_repack, "
                    + "pg_squeeze; REPACK CONCURRENTLY where the server has it) to give space back.");

    @Override
    public RuleMeta meta() {
        return META;
    }

    @Override
    public void check(StatementContext ctx, FindingSink out) {
        boolean applies = ctx.command() instanceof Command.Vacuum v && v.full() || ctx.command() instanceof Command.Cluster;
        if (!applies) {
            return;
        }
        for (TableEffect e : ctx.effects()) {
            if (e.preexisting() && e.relation().holdsExistingRows()) {
                out.report(META, ctx.index(), "the statement rewrites all of " + e.name() + " while it "
                        + e.lock().effectOn(e.name()) + " until it ends",
                        "VACUUM " + Support.q(e.relation().name()) + ";  -- or pg_repack -t " + e.name());
                return;
            }
        }
    }
}
