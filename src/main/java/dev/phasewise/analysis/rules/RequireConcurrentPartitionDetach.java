package dev.phasewise.analysis.rules;

import dev.phasewise.analysis.pg.LockMode;
import dev.phasewise.analysis.sql.AlterAction;

/** DETACH PARTITION without CONCURRENTLY locks the whole partitioned table. */
public final class RequireConcurrentPartitionDetach implements Rule {
    public static final RuleMeta META = new RuleMeta("PW105", "require-concurrent-partition-detach",
            Severity.WARNING, "DETACH PARTITION without CONCURRENTLY",
            "A plain DETACH PARTITION takes ACCESS EXCLUSIVE on the partitioned table: every query on any "
                    + "partition waits until the transaction commits.",
            "From PostgreSQL 14 use DETACH PARTITION ... CONCURRENTLY (outside a transaction block, and only "
                    + "when the table has no default partition): it takes SHARE UPDATE EXCLUSIVE on the partitioned table, "
                    + "which reads and writes pass, and ACCESS EXCLUSIVE only on the partition being detached, in its "
                    + "second transaction, after every query that saw the partition has ended.");

    @Override
    public RuleMeta meta() {
        return META;
    }

    @Override
    public void check(StatementContext ctx, FindingSink out) {
        if (!ctx.version().atLeast(14)) {
            return;
        }
        for (AlterAction.DetachPartition d : Support.actions(ctx, AlterAction.DetachPartition.class)) {
            var parent = Support.alteredTable(ctx);
            // FINALIZE completes an interrupted DETACH ... CONCURRENTLY: it is the concurrent form
            if (!d.concurrently() && !d.finalizeDetach() && ctx.preexisting(parent)) {
                String detach = "ALTER TABLE " + Support.q(parent) + " DETACH PARTITION " + Support.q(d.partition());
                // PostgreSQL refuses CONCURRENTLY while the table has a default partition: its constraint would change
                boolean hasDefault = ctx.relation(parent).flatMap(p -> ctx.schema().defaultPartitionOf(p)).isPresent();
                out.report(META, ctx.index(), "DETACH PARTITION " + d.partition().display() + " "
                        + Support.effect(ctx, parent, LockMode.ACCESS_EXCLUSIVE),
                        hasDefault ? "-- " + parent.display() + " has a default partition, so PostgreSQL refuses "
                                + "CONCURRENTLY: keep the wait short and retry\nSET lock_timeout = '2s';\n" + detach + ";"
                                : detach + " CONCURRENTLY;");
            }
        }
    }
}
