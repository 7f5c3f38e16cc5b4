package dev.phasewise.analysis.rules;

import dev.phasewise.analysis.sql.Command;

/** Wide non-unique indexes cost more than they help. */
public final class IndexTooManyColumns implements Rule {
    public static final RuleMeta META = new RuleMeta("PW317", "index-too-many-columns", Severity.INFO,
            "Non-unique index on more than three columns",
            "Every extra column makes the index bigger and every write slower, and queries rarely use more than "
                    + "the leading two or three columns.",
            "Index the two or three most selective columns; add others with INCLUDE when an index-only scan "
                    + "needs them.");

    @Override
    public RuleMeta meta() {
        return META;
    }

    @Override
    public void check(StatementContext ctx, FindingSink out) {
        if (ctx.command() instanceof Command.CreateIndex i && !i.unique() && i.columns().size() > 3) {
            out.report(META, ctx.index(), "the index has " + i.columns().size() + " columns",
                    "-- keep " + String.join(", ", i.columns().subList(0, 3)) + " as keys; INCLUDE ("
                            + String.join(", ", i.columns().subList(3, i.columns().size())) + ") if needed");
        }
    }
}
