package dev.phasewise.analysis.rules;

import dev.phasewise.analysis.pg.LockMode;
import dev.phasewise.analysis.schema.Volatility;
import dev.phasewise.analysis.sql.AlterAction;
import dev.phasewise.analysis.sql.ColumnDef;
import dev.phasewise.analysis.sql.QualifiedName;

/** ADD COLUMN that rewrites the table: volatile default, serial, identity, stored generated. */
public final class AddingFieldWithVolatileDefault implements Rule {
    public static final RuleMeta META = new RuleMeta("PW113", "adding-field-with-default", Severity.ERROR,
            "New column whose value must be written into every row (table rewrite)",
            "Since PostgreSQL 11 a constant DEFAULT is stored once in the catalog. A volatile default "
                    + "(random(), clock_timestamp(), gen_random_uuid(), nextval() of serial and identity columns) "
                    + "or a STORED generated column must be computed for every existing row: the whole table is "
                    + "rewritten under ACCESS EXCLUSIVE.",
            "Add the column without a default (or with a constant one), set the volatile default afterwards "
                    + "(ALTER COLUMN ... SET DEFAULT only affects new rows), and backfill existing rows in batches.");

    @Override
    public RuleMeta meta() {
        return META;
    }

    @Override
    public void check(StatementContext ctx, FindingSink out) {
        QualifiedName table = Support.alteredTable(ctx);
        if (table == null || !Support.hasRows(ctx, table) || !ctx.effectOn(table).map(e -> e.rewrite()).orElse(false)) {
            return;
        }
        for (AlterAction.AddColumn add : Support.addedColumns(ctx)) {
            ColumnDef c = add.column();
            String why = why(c, ctx);
            if (why == null) {
                continue;
            }
            String t = Support.q(table);
            String col = Support.q(c.name());
            String baseType = c.type().serial() ? c.type().sql().replace("bigserial", "bigint")
                    .replace("smallserial", "smallint").replace("serial", "integer") : c.type().sql();
            String fix = "ALTER TABLE " + t + " ADD COLUMN " + col + " " + baseType + ";\n"
                    + (c.defaultValue() != null ? "ALTER TABLE " + t + " ALTER COLUMN " + col + " SET DEFAULT "
                    + c.defaultValue().text() + ";\n" : "")
                    + "-- then backfill existing rows in batches (phasewise backfill --table " + table.display()
                    + " --set \"" + c.name() + " = ...\")";
            out.report(META, ctx.index(), why + ": every row of " + ctx.describe(table) + " is rewritten while it "
                    + Support.effect(ctx, table, LockMode.ACCESS_EXCLUSIVE), fix);
        }
    }

    private static String why(ColumnDef c, StatementContext ctx) {
        if (c.type().serial()) {
            return c.name() + " is " + c.type().sql() + ", whose nextval() default is volatile";
        }
        if ("identity".equals(c.generated())) {
            return c.name() + " is an identity column, filled from its sequence for each row";
        }
        if ("stored".equals(c.generated()) || "default".equals(c.generated()) && !ctx.version().atLeast(18)) {
            return c.name() + " is a stored generated column, computed for each row";
        }
        if (c.defaultValue() != null && Volatility.isVolatile(c.defaultValue(), ctx.schema())) {
            return "the default of " + c.name() + " (" + c.defaultValue().text() + ") is volatile";
        }
        if (ctx.schema().isConstrainedDomain(c.type().base())) {
            return c.name() + " has a domain type with constraints, checked for each row";
        }
        return null;
    }
}
