package dev.phasewise.analysis.rules;

import dev.phasewise.analysis.sql.AlterAction;
import dev.phasewise.analysis.sql.ColumnDef;
import dev.phasewise.analysis.sql.Command;
import dev.phasewise.analysis.sql.ConstraintKind;
import dev.phasewise.analysis.sql.QualifiedName;
import dev.phasewise.analysis.sql.TableConstraint;

import java.util.HashSet;
import java.util.Set;

/** 32- and 16-bit integers run out; for keys the fix later is a full rewrite. */
public final class PreferBigintOverInt implements Rule {
    public static final RuleMeta META = new RuleMeta("PW307", "prefer-bigint-over-int", Severity.WARNING,
            "integer or smallint column, above all as a key",
            "integer stops at 2,147,483,647 and smallint at 32,767. A key that runs out stops all inserts, and "
                    + "widening it later to bigint rewrites the table and every index (and every referencing "
                    + "table's column) under ACCESS EXCLUSIVE. Keys get a warning, other columns a note.",
            "Use bigint (bigint GENERATED ALWAYS AS IDENTITY for keys); the 4 extra bytes a row rarely matter.");

    @Override
    public RuleMeta meta() {
        return META;
    }

    @Override
    public void check(StatementContext ctx, FindingSink out) {
        Set<String> keys = keyColumns(ctx);
        Support.declaredColumns(ctx, (table, col) -> check(ctx, out, table, col, keys));
        if (ctx.command() instanceof Command.AlterTable a) {
            for (var t : Support.actions(ctx, AlterAction.AlterColumnType.class)) {
                if (isSmallInt(t.type().base()) && !t.type().isArray()) {
                    out.report(META, Severity.INFO, ctx.index(), a.table().display() + "." + t.column() + " becomes "
                            + t.type().sql() + ", which runs out at " + limit(t.type().base()),
                            "ALTER TABLE " + Support.q(a.table()) + " ALTER COLUMN " + Support.q(t.column())
                                    + " TYPE bigint;");
                }
            }
        }
    }

    private void check(StatementContext ctx, FindingSink out, QualifiedName table, ColumnDef col, Set<String> keys) {
        if (!isSmallInt(col.type().base()) || col.type().isArray()) {
            return;
        }
        boolean key = keys.contains(col.name()) || col.type().serial() || "identity".equals(col.generated())
                || col.hasConstraint(ConstraintKind.PRIMARY_KEY) || col.hasConstraint(ConstraintKind.FOREIGN_KEY);
        String spelled = col.type().sql();
        String replacement = col.type().serial() ? "bigint GENERATED ALWAYS AS IDENTITY" : "bigint";
        out.report(META, key ? Severity.WARNING : Severity.INFO, ctx.index(), table.display() + "." + col.name()
                + " is " + spelled + (key ? ", a key that" : ", which") + " runs out at " + limit(col.type().base())
                + (key ? "; widening it later rewrites the table under ACCESS EXCLUSIVE" : ""),
                Support.replaceColumnType(ctx, col, replacement));
    }

    private static Set<String> keyColumns(StatementContext ctx) {
        Set<String> keys = new HashSet<>();
        if (ctx.command() instanceof Command.CreateTable t) {
            for (TableConstraint c : t.constraints()) {
                if (c.kind() == ConstraintKind.PRIMARY_KEY || c.kind() == ConstraintKind.FOREIGN_KEY) {
                    keys.addAll(c.columns());
                }
            }
        }
        return keys;
    }

    private static boolean isSmallInt(String base) {
        return base.equals("int4") || base.equals("int2");
    }

    private static String limit(String base) {
        return base.equals("int2") ? "32,767" : "2,147,483,647";
    }
}
