package dev.phasewise.analysis.rules;

import dev.phasewise.analysis.sql.AlterAction;
import dev.phasewise.analysis.sql.QualifiedName;

/** Renaming a column breaks the code already deployed. */
public final class RenamingColumn implements Rule {
    public static final RuleMeta META = new RuleMeta("PW301", "renaming-column", Severity.WARNING,
            "Renaming a column that deployed code uses",
            "The rename is instant, but every running instance of the application still reads and writes the "
                    + "old name: its queries fail from the commit until the new code is everywhere.",
            "Expand / contract: add the new column, keep both in sync with a trigger, backfill, move the code to "
                    + "the new name, then drop the old column. Or expose the new name through a view.");

    @Override
    public RuleMeta meta() {
        return META;
    }

    @Override
    public void check(StatementContext ctx, FindingSink out) {
        QualifiedName table = Support.alteredTable(ctx);
        if (table == null || !ctx.preexisting(table)) {
            return;
        }
        for (AlterAction.RenameColumn r : Support.actions(ctx, AlterAction.RenameColumn.class)) {
            if (Support.columnAddedByMigration(ctx, table, r.from())) {
                continue; // no deployed code uses a column this migration added
            }
            String type = ctx.relation(table).flatMap(t -> t.column(r.from())).map(c -> c.type().sql())
                    .orElse("<type>");
            String t = Support.q(table);
            out.report(META, ctx.index(), "code deployed against " + table.display() + "." + r.from()
                    + " fails once it is renamed to " + r.to(),
                    "ALTER TABLE " + t + " ADD COLUMN " + Support.q(r.to()) + " " + type + ";\n-- sync trigger "
                            + r.from() + " <-> " + r.to() + ", batched backfill, deploy code using " + r.to()
                            + ", then:\nALTER TABLE " + t + " DROP COLUMN " + Support.q(r.from()) + ";");
        }
    }
}
