package dev.phasewise.analysis.rules;

import dev.phasewise.analysis.sql.Command;

/** DROP DATABASE in a migration. */
public final class BanDropDatabase implements Rule {
    public static final RuleMeta META = new RuleMeta("PW305", "ban-drop-database", Severity.ERROR,
            "DROP DATABASE",
            "A migration that drops a database destroys all of its data; it is almost never meant to run against "
                    + "production.",
            "Drop databases by hand, after a backup, never from a migration.");

    @Override
    public RuleMeta meta() {
        return META;
    }

    @Override
    public void check(StatementContext ctx, FindingSink out) {
        if (ctx.command() instanceof Command.DropDatabase d) {
            out.report(META, ctx.index(), "DROP DATABASE " + d.name() + " destroys every table in it",
                    "-- remove this statement from the migration");
        }
    }
}
