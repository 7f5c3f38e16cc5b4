package dev.phasewise.analysis.rules;

/** char(n) pads with spaces. */
public final class BanCharField implements Rule {
    public static final RuleMeta META = new RuleMeta("PW311", "ban-char-field", Severity.WARNING,
            "char(n) / character(n) column",
            "char(n) pads values with spaces, ignores trailing spaces in comparisons but not in LIKE or in client "
                    + "code, is never faster than text, and changing its length always rewrites the table.",
            "Use text (with a CHECK on the length when it matters).");

    @Override
    public RuleMeta meta() {
        return META;
    }

    @Override
    public void check(StatementContext ctx, FindingSink out) {
        Support.declaredTypes(ctx, (column, type) -> {
            if (type.is("bpchar")) {
                out.report(META, ctx.index(), column + " is " + type.sql() + ", padded with spaces",
                        Support.semicolon(ctx.statement().text()).replaceFirst(
                                "(?i)\\b(character|char|bpchar)(\\s*\\(\\s*\\d+\\s*\\))?(?!\\s+varying)", "text"));
            }
        });
    }
}
