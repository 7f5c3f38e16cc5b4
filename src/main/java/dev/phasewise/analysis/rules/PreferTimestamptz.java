package dev.phasewise.analysis.rules;

/** timestamp without time zone. */
public final class PreferTimestamptz implements Rule {
    public static final RuleMeta META = new RuleMeta("PW310", "prefer-timestamptz", Severity.WARNING,
            "timestamp without time zone",
            "timestamp stores a wall-clock reading with no zone: the same instant written by servers or sessions "
                    + "in different zones compares wrongly, and converting the column later rewrites the table "
                    + "unless the server runs in UTC.",
            "Use timestamptz (timestamp with time zone): it stores an instant and converts on display.");

    @Override
    public RuleMeta meta() {
        return META;
    }

    @Override
    public void check(StatementContext ctx, FindingSink out) {
        Support.declaredTypes(ctx, (column, type) -> {
            // an array of timestamps holds zone-less readings just the same
            if (type.base().equals("timestamp")) {
                out.report(META, ctx.index(), column + (type.isArray() ? " is an array of" : " is")
                                + " timestamp without time zone",
                        Support.semicolon(ctx.statement().text()).replaceFirst(
                                "(?i)\\btimestamp(\\s*\\(\\s*\\d+\\s*\\))?(\\s+without\\s+time\\s+zone)?(?!\\s*with\\b)",
                                "timestamptz$1"));
            }
        });
    }
}
