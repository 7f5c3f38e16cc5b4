package dev.phasewise.analysis.rules;

import dev.phasewise.analysis.pg.LockMode;
import dev.phasewise.analysis.schema.NotNullProof;
import dev.phasewise.analysis.sql.AlterAction;
import dev.phasewise.analysis.sql.QualifiedName;

/** SET NOT NULL scans the table under ACCESS EXCLUSIVE unless a validated CHECK proves it. */
public final class SetNotNullScan implements Rule {
    public static final RuleMeta META = new RuleMeta("PW111", "adding-not-nullable-field", Severity.ERROR,
            "SET NOT NULL that scans the table",
            "ALTER COLUMN ... SET NOT NULL checks every row while holding ACCESS EXCLUSIVE: no reads and no "
                    + "writes until the scan ends. Since PostgreSQL 12 the scan is skipped when a validated "
                    + "CHECK (col IS NOT NULL) constraint already proves it.",
            "Add CHECK (col IS NOT NULL) NOT VALID, VALIDATE it in a later transaction (SHARE UPDATE EXCLUSIVE), "
                    + "then SET NOT NULL (instant) and drop the check.");

    @Override
    public RuleMeta meta() {
        return META;
    }

    @Override
    public void check(StatementContext ctx, FindingSink out) {
        QualifiedName table = Support.alteredTableWithRows(ctx);
        if (table == null) {
            return;
        }
        boolean scans = ctx.effectOn(table).map(e -> e.scan()).orElse(true);
        for (AlterAction.SetNotNull n : Support.actions(ctx, AlterAction.SetNotNull.class)) {
            boolean alreadyProven = ctx.relation(table).map(r -> !NotNullProof.setNotNullScans(r, n.column(), ctx.version()))
                    .orElse(false);
            if (!scans || alreadyProven) {
                continue;
            }
            String check = table.name() + "_" + n.column() + "_not_null";
            String t = Support.q(table);
            out.report(META, ctx.index(), "SET NOT NULL on " + n.column() + " scans all of " + ctx.describe(table)
                    + " while it " + Support.effect(ctx, table, LockMode.ACCESS_EXCLUSIVE),
                    "ALTER TABLE " + t + " ADD CONSTRAINT " + Support.q(check) + " CHECK (" + Support.q(n.column())
                            + " IS NOT NULL) NOT VALID;\n-- in a later transaction:\nALTER TABLE " + t
                            + " VALIDATE CONSTRAINT " + Support.q(check) + ";\nALTER TABLE " + t + " ALTER COLUMN "
                            + Support.q(n.column()) + " SET NOT NULL;\nALTER TABLE " + t + " DROP CONSTRAINT "
                            + Support.q(check) + ";");
        }
    }
}
