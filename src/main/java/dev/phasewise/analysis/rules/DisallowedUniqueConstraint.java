package dev.phasewise.analysis.rules;

import dev.phasewise.analysis.pg.LockMode;
import dev.phasewise.analysis.sql.AlterAction;
import dev.phasewise.analysis.sql.ColumnDef;
import dev.phasewise.analysis.sql.ConstraintKind;
import dev.phasewise.analysis.sql.QualifiedName;
import dev.phasewise.analysis.sql.TableConstraint;

import java.util.List;

/** UNIQUE / PRIMARY KEY built under ACCESS EXCLUSIVE instead of from a concurrent index. */
public final class DisallowedUniqueConstraint implements Rule {
    public static final RuleMeta META = new RuleMeta("PW108", "disallowed-unique-constraint", Severity.ERROR,
            "UNIQUE or PRIMARY KEY constraint that builds its index under the table lock",
            "ADD CONSTRAINT ... UNIQUE or PRIMARY KEY (and ADD COLUMN ... UNIQUE) builds a unique index while "
                    + "holding ACCESS EXCLUSIVE on the table: no reads and no writes for the whole build.",
            "Build the index first with CREATE UNIQUE INDEX CONCURRENTLY, then attach it: ALTER TABLE ... ADD "
                    + "CONSTRAINT ... UNIQUE USING INDEX (a brief lock, no scan).");

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
        for (AlterAction.AddConstraint add : Support.actions(ctx, AlterAction.AddConstraint.class)) {
            TableConstraint c = add.constraint();
            if ((c.kind() == ConstraintKind.UNIQUE || c.kind() == ConstraintKind.PRIMARY_KEY) && c.usingIndex() == null) {
                report(ctx, out, table, c.kind(), c.name(), c.columns());
            }
        }
        for (AlterAction.AddColumn add : Support.addedColumns(ctx)) {
            ColumnDef col = add.column();
            for (TableConstraint c : col.constraints()) {
                if (c.kind() == ConstraintKind.UNIQUE || c.kind() == ConstraintKind.PRIMARY_KEY) {
                    report(ctx, out, table, c.kind(), c.name(), List.of(col.name()));
                }
            }
        }
    }

    private static void report(StatementContext ctx, FindingSink out, QualifiedName table, ConstraintKind kind,
                               String name, List<String> columns) {
        String kindSql = kind == ConstraintKind.PRIMARY_KEY ? "PRIMARY KEY" : "UNIQUE";
        String constraint = name != null ? name : table.name() + "_" + String.join("_", columns)
                + (kind == ConstraintKind.PRIMARY_KEY ? "_pkey" : "_key");
        String cols = String.join(", ", columns.stream().map(Support::q).toList());
        out.report(META, ctx.index(), "building the " + kindSql + " index on " + ctx.describe(table) + " "
                + Support.effect(ctx, table, LockMode.ACCESS_EXCLUSIVE),
                "CREATE UNIQUE INDEX CONCURRENTLY " + Support.q(constraint) + " ON " + Support.q(table) + " (" + cols
                        + ");\nALTER TABLE " + Support.q(table) + " ADD CONSTRAINT " + Support.q(constraint) + " "
                        + kindSql + " USING INDEX " + Support.q(constraint) + ";");
    }
}
