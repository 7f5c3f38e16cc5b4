package dev.phasewise.analysis.rules;

import dev.phasewise.analysis.sql.AlterAction;
import dev.phasewise.analysis.sql.ColumnDef;
import dev.phasewise.analysis.sql.QualifiedName;

/** ADD COLUMN ... NOT NULL without a default fails on a table with rows, and breaks deployed code. */
public final class AddingRequiredField implements Rule {
    public static final RuleMeta META = new RuleMeta("PW112", "adding-required-field", Severity.ERROR,
            "New NOT NULL column without a default",
            "On a table with rows the statement fails (existing rows would be NULL) after scanning under ACCESS "
                    + "EXCLUSIVE; on an empty one it succeeds and then every INSERT from the deployed code, which "
                    + "does not know the column, fails.",
            "Expand / backfill / contract: add the column nullable (or with a constant DEFAULT), deploy code that "
                    + "writes it, backfill in batches, then enforce NOT NULL through a validated CHECK.");

    @Override
    public RuleMeta meta() {
        return META;
    }

    @Override
    public void check(StatementContext ctx, FindingSink out) {
        QualifiedName table = Support.alteredTableWithRows(ctx);
        if (table == null) {
            return;
        }
        for (AlterAction.AddColumn add : Support.addedColumns(ctx)) {
            ColumnDef c = add.column();
            if (c.notNull() && c.defaultValue() == null && c.generated() == null && !c.type().serial()) {
                String t = Support.q(table);
                out.report(META, ctx.index(), "column " + c.name() + " is NOT NULL without a default: the existing "
                        + "rows of " + table.display() + " make the statement fail, and inserts from deployed code "
                        + "that does not set " + c.name() + " would fail",
                        "ALTER TABLE " + t + " ADD COLUMN " + Support.q(c.name()) + " " + c.type().sql() + ";\n"
                                + "-- deploy code that writes " + c.name() + ", backfill in batches, then:\n"
                                + "ALTER TABLE " + t + " ADD CONSTRAINT " + Support.q(table.name() + "_" + c.name()
                                + "_not_null") + " CHECK (" + Support.q(c.name()) + " IS NOT NULL) NOT VALID;");
            }
        }
    }
}
