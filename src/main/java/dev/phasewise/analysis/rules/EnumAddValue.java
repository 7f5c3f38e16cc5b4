package dev.phasewise.analysis.rules;

import dev.phasewise.analysis.sql.Command;
import dev.phasewise.analysis.sql.Identifiers;

/** ALTER TYPE ... ADD VALUE: ordering, and the value being unusable until commit. */
public final class EnumAddValue implements Rule {
    public static final RuleMeta META = new RuleMeta("PW125", "require-enum-value-ordering", Severity.INFO,
            "ALTER TYPE ... ADD VALUE without a position, or used in the same transaction",
            "A value added without BEFORE/AFTER goes to the end, which changes ORDER BY on the column only if you "
                    + "meant a position; and inside a transaction block the new value cannot be used until "
                    + "COMMIT (\"unsafe use of new value\").",
            "Say where the value goes (ADD VALUE 'x' BEFORE 'y' / AFTER 'y'), and commit before using it.");

    @Override
    public RuleMeta meta() {
        return META;
    }

    @Override
    public void check(StatementContext ctx, FindingSink out) {
        if (!(ctx.command() instanceof Command.AlterTypeAddValue a)) {
            return;
        }
        if (!a.positioned()) {
            out.report(META, ctx.index(), "the value '" + a.value() + "' is added at the end of " + a.type().display()
                    + "'s order", "ALTER TYPE " + Support.q(a.type()) + " ADD VALUE "
                    + (a.ifNotExists() ? "IF NOT EXISTS " : "") + Identifiers.literal(a.value())
                    + " AFTER '...';");
        } else if (ctx.tx().inTransaction()) {
            out.report(META, ctx.index(), "inside a transaction block the new value '" + a.value()
                    + "' cannot be used until COMMIT", "COMMIT;  -- before any statement uses '" + a.value() + "'");
        }
    }
}
