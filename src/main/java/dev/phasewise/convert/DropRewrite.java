package dev.phasewise.convert;

import dev.phasewise.analysis.sql.Command;
import dev.phasewise.analysis.sql.QualifiedName;
import dev.phasewise.plan.Phase;
import dev.phasewise.plan.steps.RawSql;

/**
 * DROP TABLE of a table that existed before the migration moves, as written, to the contract phase,
 * behind a gate that says no deployed code uses it any more: dropping it while the old release
 * still reads it breaks that release.
 */
final class DropRewrite implements Rewrite {

    @Override
    public boolean convert(Unit unit, PlanAssembly plan) {
        if (!(unit.command() instanceof Command.DropRelation d) || !d.objectKind().equals("table")
                || d.names().stream().noneMatch(unit::existing)) {
            return false;
        }
        for (QualifiedName n : d.names()) {
            plan.gateBefore(Phase.CONTRACT, Gates.noLongerUsesTable(plan.dialect(), n.display()));
        }
        Became became = new Became(plan, unit);
        became.add(Phase.CONTRACT, unit.tables(), new RawSql(plan.id("sql-" + unit.index()), null, unit.sql(), null,
                null), true);
        became.account(Outcome.MOVED, "Dropping a table that the deployed release may still read breaks that release "
                + "at once, and cannot be undone. It moves to the contract phase, behind the deploy gate that removes "
                + "its last use.");
        return true;
    }
}
