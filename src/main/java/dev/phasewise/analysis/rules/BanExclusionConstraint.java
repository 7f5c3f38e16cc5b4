package dev.phasewise.analysis.rules;

import dev.phasewise.analysis.pg.LockMode;
import dev.phasewise.analysis.sql.AlterAction;
import dev.phasewise.analysis.sql.ConstraintKind;
import dev.phasewise.analysis.sql.QualifiedName;

/** EXCLUDE constraints build their index under ACCESS EXCLUSIVE, with no concurrent alternative. */
public final class BanExclusionConstraint implements Rule {
    public static final RuleMeta META = new RuleMeta("PW110", "ban-exclusion-constraint", Severity.ERROR,
            "EXCLUDE constraint added to an existing table",
            "An exclusion constraint builds its index while holding ACCESS EXCLUSIVE on the table, and unlike "
                    + "UNIQUE it cannot be attached from an index built concurrently: reads and writes stop for "
                    + "the whole build.",
            "Add it while the table is small or in a maintenance window; or enforce the rule in a trigger that "
                    + "checks new rows (backed by an index built CONCURRENTLY).");

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
        for (AlterAction.AddConstraint add : Support.actions(ctx, AlterAction.AddConstraint.class)) {
            if (add.constraint().kind() == ConstraintKind.EXCLUDE) {
                out.report(META, ctx.index(), "building the exclusion constraint's index on " + ctx.describe(table)
                        + " " + Support.effect(ctx, table, LockMode.ACCESS_EXCLUSIVE),
                        "-- no lock-free form exists: schedule it in a maintenance window, with\nSET lock_timeout = "
                                + "'2s';\n" + Support.semicolon(ctx.statement().text()));
            }
        }
    }
}
