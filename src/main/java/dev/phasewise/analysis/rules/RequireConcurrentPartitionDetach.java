package dev.phasewise.analysis.rules;

import dev.phasewise.analysis.Severity;
import dev.phasewise.analysis.sql.AlterAction;

/** DETACH PARTITION without CONCURRENTLY locks the whole partitioned table. */
public final class RequireConcurrentPartitionDetach implements Rule {
    public static final RuleMeta META = new RuleMeta("PW105", "require-concurrent-partition-detach",
            Severity.WARNING, "DETACH PARTITION without CONCURRENTLY",
            "A plain DETACH PARTITION takes ACCESS EXCLUSIVE on the partitioned table: every query on any "
                    + "partition waits until the transaction commits.",
            "From PostgreSQL 14 use DETACH PARTITION ... CONCURRENTLY (outside a transaction block, and only "
                    + "when the table has no default partition); it takes SHARE UPDATE EXCLUSIVE.");

    @Override
    public RuleMeta meta() {
        return META;
    }

    @Override
    public void check(StatementContext ctx, FindingSink out) {
        if (!ctx.version().atLeast(14)) {
            return;
        }
        var detaches = Support.actions(ctx, AlterAction.DetachPartition.class);
        if (detaches.isEmpty()) {
            return;
        }
        var parent = Support.alteredTable(ctx);
        // PostgreSQL refuses CONCURRENTLY when the partitioned table has a default partition
        if (ctx.relation(parent).flatMap(ctx.schema()::defaultPartitionOf).isPresent()) {
            return;
        }
        for (AlterAction.DetachPartition d : detaches) {
            // FINALIZE completes an interrupted DETACH ... CONCURRENTLY: it is the concurrent form
            if (!d.concurrently() && !d.finalizeDetach() && ctx.preexisting(parent)) {
                out.report(META, ctx.index(), "DETACH PARTITION " + d.partition().display() + " "
                        + Support.effect(ctx, parent, dev.phasewise.analysis.LockMode.ACCESS_EXCLUSIVE),
                        "ALTER TABLE " + Support.q(parent) + " DETACH PARTITION " + Support.q(d.partition())
                                + " CONCURRENTLY;");
            }
        }
    }
}
