package dev.phasewise.analysis.rules;

/** serial columns: identity columns are the standard, better-behaved replacement. */
public final class PreferIdentity implements Rule {
    public static final RuleMeta META = new RuleMeta("PW308", "prefer-identity", Severity.INFO,
            "serial column instead of an identity column",
            "serial creates a loosely attached sequence: permissions, ownership and copies of the table "
                    + "(CREATE TABLE LIKE) do not follow it, and nothing stops writes that bypass it.",
            "Use GENERATED ALWAYS AS IDENTITY (or BY DEFAULT), on bigint.");

    @Override
    public RuleMeta meta() {
        return META;
    }

    @Override
    public void check(StatementContext ctx, FindingSink out) {
        Support.declaredColumns(ctx, (table, col) -> {
            if (col.type().serial()) {
                String base = col.type().base().equals("int2") ? "smallint" : "bigint";
                out.report(META, ctx.index(), table.display() + "." + col.name() + " is " + col.type().sql(),
                        Support.replaceColumnType(ctx, col, base + " GENERATED ALWAYS AS IDENTITY"));
            }
        });
    }
}
