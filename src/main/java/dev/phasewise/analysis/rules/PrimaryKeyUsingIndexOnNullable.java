package dev.phasewise.analysis.rules;

import dev.phasewise.analysis.schema.Index;
import dev.phasewise.analysis.schema.Relation;
import dev.phasewise.analysis.sql.AlterAction;
import dev.phasewise.analysis.sql.ConstraintKind;
import dev.phasewise.analysis.sql.QualifiedName;

import java.util.List;
import java.util.Optional;

/** PRIMARY KEY USING INDEX implicitly runs SET NOT NULL on nullable key columns. */
public final class PrimaryKeyUsingIndexOnNullable implements Rule {
    public static final RuleMeta META = new RuleMeta("PW109", "primary-key-using-index-on-nullable",
            Severity.WARNING, "PRIMARY KEY USING INDEX on columns that may be NULL",
            "A primary key needs NOT NULL columns: when they are nullable, ADD PRIMARY KEY USING INDEX sets them "
                    + "NOT NULL first, which scans the whole table under ACCESS EXCLUSIVE.",
            "Make the columns NOT NULL without a scan first: ADD CONSTRAINT ... CHECK (col IS NOT NULL) NOT "
                    + "VALID, VALIDATE CONSTRAINT, then SET NOT NULL (PostgreSQL 12+ uses the check and skips the scan).");

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
        Optional<Relation> rel = ctx.relation(table);
        for (AlterAction.AddConstraint add : Support.actions(ctx, AlterAction.AddConstraint.class)) {
            var c = add.constraint();
            if (c.kind() != ConstraintKind.PRIMARY_KEY || c.usingIndex() == null || rel.isEmpty()) {
                continue;
            }
            List<String> columns = ctx.schema().findIndex(new QualifiedName(table.schema(), c.usingIndex()))
                    .map(Index::columns).orElse(List.of());
            boolean scans = ctx.effectOn(table).map(e -> e.scan()).orElse(false);
            List<String> nullable = columns.stream()
                    .filter(col -> rel.get().column(col).map(x -> !x.notNull()).orElse(true)).toList();
            if (!scans || nullable.isEmpty()) {
                continue;
            }
            StringBuilder fix = new StringBuilder();
            for (String col : nullable) {
                String check = table.name() + "_" + col + "_not_null";
                fix.append("ALTER TABLE ").append(Support.q(table)).append(" ADD CONSTRAINT ").append(Support.q(check))
                        .append(" CHECK (").append(Support.q(col)).append(" IS NOT NULL) NOT VALID;\n")
                        .append("ALTER TABLE ").append(Support.q(table)).append(" VALIDATE CONSTRAINT ")
                        .append(Support.q(check)).append(";\n");
            }
            fix.append(Support.semicolon(ctx.statement().text()));
            out.report(META, ctx.index(), "the primary key sets " + String.join(", ", nullable)
                    + " NOT NULL, scanning all of " + ctx.describe(table) + " while it blocks all reads and writes "
                    + "of " + table.display() + " until commit", fix.toString());
        }
    }
}
