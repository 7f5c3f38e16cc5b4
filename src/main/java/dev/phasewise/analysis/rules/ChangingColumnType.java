package dev.phasewise.analysis.rules;

import dev.phasewise.analysis.cost.TableEffect;
import dev.phasewise.analysis.pg.LockMode;
import dev.phasewise.analysis.sql.AlterAction;
import dev.phasewise.analysis.sql.QualifiedName;

import java.util.Optional;

/** ALTER COLUMN TYPE that rewrites the table or rebuilds its indexes under ACCESS EXCLUSIVE. */
public final class ChangingColumnType implements Rule {
    public static final RuleMeta META = new RuleMeta("PW114", "changing-column-type", Severity.ERROR,
            "Column type change that rewrites the table or rebuilds indexes",
            "Unless the old type is binary-coercible to the new one (varchar(n) to a larger n or to text, numeric "
                    + "to a larger precision at the same scale, ...), ALTER COLUMN ... TYPE rewrites every row and "
                    + "rebuilds every index of the table under ACCESS EXCLUSIVE; deployed code may also break on "
                    + "the new type.",
            "Add a new column of the new type, keep both in sync with a trigger, backfill in batches, switch "
                    + "reads, then drop the old column (expand / backfill / contract).");

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
        Optional<TableEffect> effect = ctx.effectOn(table);
        boolean rewrite = effect.map(TableEffect::rewrite).orElse(true);
        boolean scan = effect.map(TableEffect::scan).orElse(true);
        for (AlterAction.AlterColumnType t : Support.actions(ctx, AlterAction.AlterColumnType.class)) {
            if (!rewrite && !scan) {
                continue;
            }
            String name = Support.q(table);
            String newCol = t.column() + "_new";
            String what = rewrite ? "rewrites every row of " + ctx.describe(table)
                    : "re-checks or rebuilds indexes over all of " + ctx.describe(table);
            out.report(META, rewrite ? Severity.ERROR : Severity.WARNING, ctx.index(),
                    "changing " + t.column() + " to " + t.type().sql() + " " + what + " while it "
                            + Support.effect(ctx, table, LockMode.ACCESS_EXCLUSIVE),
                    "ALTER TABLE " + name + " ADD COLUMN " + Support.q(newCol) + " " + t.type().sql() + ";\n"
                            + "-- sync trigger + batched backfill of " + newCol + " from " + t.column()
                            + ", switch reads, then:\nALTER TABLE " + name + " DROP COLUMN " + Support.q(t.column())
                            + ";\nALTER TABLE " + name + " RENAME COLUMN " + Support.q(newCol) + " TO "
                            + Support.q(t.column()) + ";");
        }
    }
}
