package dev.phasewise.analysis.rules;

/** varchar(n): changing n later may rewrite; a CHECK is easier to change. */
public final class PreferTextField implements Rule {
    public static final RuleMeta META = new RuleMeta("PW309", "prefer-text-field", Severity.INFO,
            "varchar(n) instead of text with a CHECK",
            "Raising the limit of varchar(n) is free, but lowering it rewrites the table under ACCESS EXCLUSIVE; "
                    + "a CHECK (length(col) <= n) constraint can be replaced NOT VALID and validated without "
                    + "blocking anyone.",
            "Use text, with CHECK (length(col) <= n) when the limit matters.");

    @Override
    public RuleMeta meta() {
        return META;
    }

    @Override
    public void check(StatementContext ctx, FindingSink out) {
        Support.declaredColumns(ctx, (table, col) -> {
            if (col.type().is("varchar") && col.type().firstModifier() >= 0) {
                out.report(META, ctx.index(), table.display() + "." + col.name() + " is " + col.type().sql()
                        + ": changing its limit later may rewrite the table",
                        "-- " + col.name() + " text CHECK (length(" + Support.q(col.name()) + ") <= "
                                + col.type().firstModifier() + ")");
            }
        });
    }
}
