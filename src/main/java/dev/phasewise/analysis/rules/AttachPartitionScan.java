package dev.phasewise.analysis.rules;

import dev.phasewise.analysis.schema.PartitionBoundProof;
import dev.phasewise.analysis.schema.Relation;
import dev.phasewise.analysis.sql.AlterAction;
import dev.phasewise.analysis.sql.QualifiedName;

/**
 * ATTACH PARTITION scans the new partition unless a validated CHECK constraint proves its bound,
 * and the default partition unless one of its checks excludes the bound (PartitionBoundProof, as
 * the lock analysis decides it): any other check proves nothing.
 */
public final class AttachPartitionScan implements Rule {
    public static final RuleMeta META = new RuleMeta("PW119", "attach-partition-scan", Severity.WARNING,
            "ATTACH PARTITION that scans the partition to check its bound",
            "ATTACH PARTITION verifies that every row of the table fits the partition bound, scanning it while "
                    + "holding ACCESS EXCLUSIVE on it; a default partition is scanned too, for rows that belong to the "
                    + "new bound.",
            "First add a CHECK constraint matching the bound NOT VALID and VALIDATE it (SHARE UPDATE EXCLUSIVE); "
                    + "ATTACH then uses it and skips the scan. The bound also excludes NULL keys, which a CHECK lets "
                    + "in: the key column must be NOT NULL, or the check say key IS NOT NULL too. Any other check "
                    + "proves nothing. A CHECK (NOT (bound)) on the default partition spares its scan the same way. "
                    + "Drop the checks afterwards.");

    @Override
    public RuleMeta meta() {
        return META;
    }

    @Override
    public void check(StatementContext ctx, FindingSink out) {
        QualifiedName parent = Support.alteredTable(ctx);
        for (AlterAction.AttachPartition a : Support.actions(ctx, AlterAction.AttachPartition.class)) {
            Relation parentRelation = ctx.relation(parent).orElse(null);
            Relation part = ctx.relation(a.partition()).orElse(null);
            if (Support.hasRows(ctx, a.partition())
                    && (part == null || PartitionBoundProof.partitionScans(parentRelation, part, a.bound()))) {
                reportPartitionScan(ctx, out, parent, a);
            }
            // The default partition is scanned too, for rows that belong to the new bound (unless
            // the default partition itself is what is being attached).
            boolean attachingDefault = a.bound().tokens().size() == 1 && a.bound().tokens().get(0).isWord("default");
            Relation defaultPartition = attachingDefault || parentRelation == null ? null
                    : ctx.schema().defaultPartitionOf(parentRelation).orElse(null);
            if (defaultPartition != null && defaultPartition.holdsExistingRows()
                    && PartitionBoundProof.defaultPartitionScans(parentRelation, defaultPartition, a.bound())) {
                reportDefaultPartitionScan(ctx, out, parent, a, defaultPartition.name());
            }
        }
    }

    private static void reportPartitionScan(StatementContext ctx, FindingSink out, QualifiedName parent,
                                            AlterAction.AttachPartition a) {
        String check = a.partition().name() + "_bound";
        out.report(META, ctx.index(), "attaching " + a.partition().display() + " to " + parent.display()
                + " scans all of " + ctx.describe(a.partition()) + " while it blocks all reads and writes of "
                + a.partition().display() + " until commit",
                "ALTER TABLE " + Support.q(a.partition()) + " ADD CONSTRAINT " + Support.q(check)
                        + " CHECK (/* the key IS NOT NULL AND the partition bound as a condition */) NOT VALID;\nALTER TABLE "
                        + Support.q(a.partition()) + " VALIDATE CONSTRAINT " + Support.q(check) + ";\n"
                        + Support.semicolon(ctx.statement().text()) + "\nALTER TABLE " + Support.q(a.partition())
                        + " DROP CONSTRAINT " + Support.q(check) + ";");
    }

    private static void reportDefaultPartitionScan(StatementContext ctx, FindingSink out, QualifiedName parent,
                                                   AlterAction.AttachPartition a, QualifiedName defaultPartition) {
        String check = defaultPartition.name() + "_excludes_" + a.partition().name();
        out.report(META, ctx.index(), "attaching " + a.partition().display() + " to " + parent.display()
                + " scans all of its default partition " + ctx.describe(defaultPartition) + " for rows of the new "
                + "bound while it blocks all reads and writes of " + defaultPartition.display() + " until commit",
                "ALTER TABLE " + Support.q(defaultPartition) + " ADD CONSTRAINT " + Support.q(check)
                        + " CHECK (NOT (/* the new partition's bound as a condition */)) NOT VALID;\nALTER TABLE "
                        + Support.q(defaultPartition) + " VALIDATE CONSTRAINT " + Support.q(check) + ";\n"
                        + Support.semicolon(ctx.statement().text()) + "\nALTER TABLE " + Support.q(defaultPartition)
                        + " DROP CONSTRAINT " + Support.q(check) + ";");
    }
}
