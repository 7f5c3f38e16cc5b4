package dev.phasewise.analysis.rules;

import dev.phasewise.analysis.Severity;
import dev.phasewise.analysis.schema.Relation;
import dev.phasewise.analysis.sql.AlterAction;
import dev.phasewise.analysis.sql.ConstraintKind;
import dev.phasewise.analysis.sql.QualifiedName;

/** ATTACH PARTITION scans the new partition unless a CHECK constraint already proves its bound. */
public final class AttachPartitionScan implements Rule {
    public static final RuleMeta META = new RuleMeta("PW119", "attach-partition-scan", Severity.WARNING,
            "ATTACH PARTITION that scans the partition to check its bound",
            "ATTACH PARTITION verifies that every row of the table fits the partition bound, scanning it while "
                    + "holding ACCESS EXCLUSIVE on it (and on the default partition, which is scanned too).",
            "First add a CHECK constraint matching the bound NOT VALID and VALIDATE it (SHARE UPDATE EXCLUSIVE); "
                    + "ATTACH then uses it and skips the scan. Drop the check afterwards.");

    @Override
    public RuleMeta meta() {
        return META;
    }

    @Override
    public void check(StatementContext ctx, FindingSink out) {
        QualifiedName parent = Support.alteredTable(ctx);
        for (AlterAction.AttachPartition a : Support.actions(ctx, AlterAction.AttachPartition.class)) {
            Relation part = ctx.relation(a.partition()).orElse(null);
            boolean hasCheck = part != null && part.constraintsOfKind(ConstraintKind.CHECK).stream()
                    .anyMatch(c -> c.validated());
            if (hasCheck || !Support.hasRows(ctx, a.partition())) {
                continue;
            }
            String check = a.partition().name() + "_bound";
            out.report(META, ctx.index(), "attaching " + a.partition().display() + " to " + parent.display()
                    + " scans all of " + ctx.describe(a.partition()) + " while it blocks all reads and writes of "
                    + a.partition().display() + " until commit",
                    "ALTER TABLE " + Support.q(a.partition()) + " ADD CONSTRAINT " + Support.q(check)
                            + " CHECK (/* the partition bound as a condition */) NOT VALID;\nALTER TABLE "
                            + Support.q(a.partition()) + " VALIDATE CONSTRAINT " + Support.q(check) + ";\n"
                            + Support.semicolon(ctx.statement().text()) + "\nALTER TABLE " + Support.q(a.partition())
                            + " DROP CONSTRAINT " + Support.q(check) + ";");
        }
    }
}
