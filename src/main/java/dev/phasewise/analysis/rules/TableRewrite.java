package dev.phasewise.analysis.rules;

import dev.phasewise.analysis.cost.TableEffect;
import dev.phasewise.analysis.sql.AlterAction;
import dev.phasewise.analysis.sql.Command;

/** Other ALTER TABLE forms that rewrite the table under ACCESS EXCLUSIVE. */
public final class TableRewrite implements Rule {
    public static final RuleMeta META = new RuleMeta("PW115", "table-rewrite", Severity.ERROR,
            "ALTER TABLE that rewrites the whole table",
            "SET TABLESPACE, SET LOGGED / UNLOGGED, SET ACCESS METHOD and SET EXPRESSION copy every row into a new "
                    + "file while holding ACCESS EXCLUSIVE: the table is unreadable and unwritable for the duration.",
            "Schedule it in a maintenance window, or build a new table, copy in batches with a sync trigger, and "
                    + "swap names in one short transaction.");

    @Override
    public RuleMeta meta() {
        return META;
    }

    @Override
    public void check(StatementContext ctx, FindingSink out) {
        if (!(ctx.command() instanceof Command.AlterTable a) || !a.objectKind().equals("table")) {
            return;
        }
        boolean rewriting = a.actions().stream().anyMatch(x -> x instanceof AlterAction.Other o
                && (o.name().startsWith("set tablespace") || o.name().equals("set logged")
                || o.name().equals("set unlogged") || o.name().equals("set access method"))
                || x instanceof AlterAction.GenerationExpression g && !g.drop());
        if (!rewriting) {
            return;
        }
        for (TableEffect e : ctx.effects()) {
            if (e.rewrite() && e.preexisting()) {
                out.report(META, ctx.index(), "the statement rewrites all of " + e.name() + " while it "
                        + e.lock().effectOn(e.name()) + " until commit",
                        "-- no lock-free form: run it in a maintenance window with a short lock_timeout\n"
                                + "SET lock_timeout = '2s';\n" + Support.semicolon(ctx.statement().text()));
                return;
            }
        }
    }
}
