package dev.phasewise.analysis.rules;

/** json instead of jsonb. */
public final class PreferJsonb implements Rule {
    public static final RuleMeta META = new RuleMeta("PW312", "prefer-jsonb", Severity.WARNING,
            "json column instead of jsonb",
            "json keeps the raw text: it has no equality operator (so SELECT DISTINCT, GROUP BY and UNION on the "
                    + "table fail), cannot be indexed with GIN, and is re-parsed on every access.",
            "Use jsonb.");

    @Override
    public RuleMeta meta() {
        return META;
    }

    @Override
    public void check(StatementContext ctx, FindingSink out) {
        Support.declaredTypes(ctx, (column, type) -> {
            if (type.is("json")) {
                out.report(META, ctx.index(), column + " is json: no equality operator, no GIN index",
                        Support.semicolon(ctx.statement().text()).replaceFirst("(?i)\\bjson\\b", "jsonb"));
            }
        });
    }
}
