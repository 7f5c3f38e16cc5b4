package dev.phasewise.analysis.rules;

import dev.phasewise.analysis.sql.AlterAction;
import dev.phasewise.analysis.sql.QualifiedName;

/** Dropping a column that deployed code may still use. */
public final class BanDropColumn implements Rule {
    public static final RuleMeta META = new RuleMeta("PW303", "ban-drop-column", Severity.WARNING,
            "Dropping a column",
            "Code that still reads or writes the column fails as soon as the drop commits, and a rollback of the "
                    + "application cannot bring the data back.",
            "Contract last: stop reading the column, then stop writing it (deploys), wait out a safe period, "
                    + "then drop it in its own migration with a short lock_timeout.");

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
        for (AlterAction.DropColumn d : Support.actions(ctx, AlterAction.DropColumn.class)) {
            if (Support.columnAddedByMigration(ctx, table, d.column())) {
                continue; // no deployed code uses a column this migration added, and it holds no old data
            }
            boolean missing = ctx.relation(table).map(r -> r.declared() && r.column(d.column()).isEmpty())
                    .orElse(false);
            if (d.ifExists() && missing) {
                continue; // DROP COLUMN IF EXISTS of a column the declared table lacks does nothing
            }
            out.report(META, ctx.index(), "code that still uses " + table.display() + "." + d.column()
                    + " fails once it is dropped, and its data is gone",
                    "-- after deploys that stop reading and writing " + d.column() + ":\nSET lock_timeout = '2s';\n"
                            + Support.semicolon(ctx.statement().text()));
        }
    }
}
