package dev.phasewise.analysis.rules;

import dev.phasewise.analysis.sql.AlterAction;
import dev.phasewise.analysis.sql.QualifiedName;

/** DROP NOT NULL lets NULLs into a column deployed code assumes is filled. */
public final class BanDropNotNull implements Rule {
    public static final RuleMeta META = new RuleMeta("PW306", "ban-drop-not-null", Severity.WARNING,
            "Dropping NOT NULL from a column",
            "Deployed code (and reports, and other services) may assume the column is always filled; once NULLs "
                    + "get in, re-adding NOT NULL needs a backfill and a validation.",
            "Make sure every reader handles NULL before dropping the constraint, in a deploy of its own.");

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
        for (AlterAction.DropNotNull d : Support.actions(ctx, AlterAction.DropNotNull.class)) {
            out.report(META, ctx.index(), "readers of " + table.display() + "." + d.column()
                    + " may not expect NULL once NOT NULL is dropped",
                    "-- first deploy code that handles NULL in " + d.column() + ", then:\n"
                            + Support.semicolon(ctx.statement().text()));
        }
    }
}
