package dev.phasewise.analysis.rules;

import dev.phasewise.analysis.sql.Command;

/** Enums are hard to change later. */
public final class NewEnumType implements Rule {
    public static final RuleMeta META = new RuleMeta("PW313", "new-enum-type", Severity.INFO,
            "CREATE TYPE ... AS ENUM",
            "Values can be added but never removed or renamed without rewriting every column that uses the type; "
                    + "and before PostgreSQL 12 ADD VALUE could not run in a transaction block.",
            "Use a text column with a CHECK constraint (replaceable NOT VALID), or a lookup table with a foreign key.");

    @Override
    public RuleMeta meta() {
        return META;
    }

    @Override
    public void check(StatementContext ctx, FindingSink out) {
        if (ctx.command() instanceof Command.CreateType t && t.form().equals("enum")) {
            out.report(META, ctx.index(), "enum " + t.name().display() + " cannot lose or rename a value later "
                    + "without rewriting the columns that use it",
                    "-- e.g. status text NOT NULL CHECK (status IN ('draft', 'published'))");
        }
    }
}
