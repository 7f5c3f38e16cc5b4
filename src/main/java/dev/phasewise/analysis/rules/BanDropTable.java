package dev.phasewise.analysis.rules;

import dev.phasewise.analysis.sql.Command;
import dev.phasewise.analysis.sql.QualifiedName;

/** Dropping a table that deployed code may still use. */
public final class BanDropTable implements Rule {
    public static final RuleMeta META = new RuleMeta("PW304", "ban-drop-table", Severity.WARNING,
            "Dropping a table",
            "Code that still uses the table fails as soon as the drop commits, and its data is gone. DROP TABLE "
                    + "also takes ACCESS EXCLUSIVE on the tables its foreign keys reference.",
            "Stop using the table in a deploy first; rename it (or revoke access) for a safe period to see that "
                    + "nothing breaks, then drop it.");

    @Override
    public RuleMeta meta() {
        return META;
    }

    @Override
    public void check(StatementContext ctx, FindingSink out) {
        if (ctx.command() instanceof Command.DropRelation d && d.objectKind().equals("table")) {
            for (QualifiedName n : d.names()) {
                // nothing declared it: it exists with rows, unless a complete schema says it does not
                boolean absent = d.ifExists() && ctx.schema().complete();
                if (ctx.relation(n).map(r -> !r.createdByMigration()).orElse(!absent)) {
                    out.report(META, ctx.index(), "code that still uses " + n.display() + " fails once it is dropped, "
                            + "and its data is gone", "ALTER TABLE " + Support.q(n) + " RENAME TO "
                            + Support.q(n.name() + "_deprecated") + ";  -- drop after a safe period");
                }
            }
        }
    }
}
