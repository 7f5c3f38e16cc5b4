package dev.phasewise.analysis.rules;

import dev.phasewise.analysis.sql.AlterAction;
import dev.phasewise.analysis.sql.Command;
import dev.phasewise.analysis.sql.QualifiedName;

/** Renaming (or moving) a table breaks the code already deployed. */
public final class RenamingTable implements Rule {
    public static final RuleMeta META = new RuleMeta("PW302", "renaming-table", Severity.WARNING,
            "Renaming a table (or moving it to another schema) that deployed code uses",
            "Every running instance of the application still uses the old name: its queries fail from the commit "
                    + "until the new code is everywhere.",
            "Rename, and create a view with the old name over the new table (simple views are updatable) until "
                    + "the code has moved; then drop the view.");

    @Override
    public RuleMeta meta() {
        return META;
    }

    @Override
    public void check(StatementContext ctx, FindingSink out) {
        if (!(ctx.command() instanceof Command.AlterTable a) || !(a.objectKind().equals("table")
                || a.objectKind().equals("view") || a.objectKind().equals("materialized view"))
                || !ctx.preexisting(a.table())) {
            return;
        }
        QualifiedName from = a.table();
        for (AlterAction action : a.actions()) {
            String newName = null;
            if (action instanceof AlterAction.RenameTo r) {
                newName = Support.q(new QualifiedName(from.schema(), r.newName()));
            } else if (action instanceof AlterAction.SetSchema s) {
                newName = Support.q(s.schema()) + "." + Support.q(from.name());
            }
            if (newName != null) {
                out.report(META, ctx.index(), "code deployed against " + from.display() + " fails once it is "
                        + "renamed", Support.semicolon(ctx.statement().text()) + "\nCREATE VIEW " + Support.q(from)
                        + " AS SELECT * FROM " + newName + ";  -- until the code uses the new name");
            }
        }
    }
}
