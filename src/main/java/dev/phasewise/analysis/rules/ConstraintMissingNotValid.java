package dev.phasewise.analysis.rules;

import dev.phasewise.analysis.pg.LockMode;
import dev.phasewise.analysis.sql.AlterAction;
import dev.phasewise.analysis.sql.ConstraintKind;
import dev.phasewise.analysis.sql.QualifiedName;
import dev.phasewise.analysis.sql.TableConstraint;

/** CHECK, FOREIGN KEY (and NOT NULL on 18) constraints validated while the lock is held. */
public final class ConstraintMissingNotValid implements Rule {
    public static final RuleMeta META = new RuleMeta("PW106", "constraint-missing-not-valid", Severity.ERROR,
            "CHECK or FOREIGN KEY constraint added without NOT VALID",
            "Adding a CHECK constraint scans the whole table under ACCESS EXCLUSIVE (no reads, no writes); adding a "
                    + "FOREIGN KEY scans both tables under SHARE ROW EXCLUSIVE on each (no writes to either).",
            "Add the constraint NOT VALID (a brief lock, no scan), then VALIDATE CONSTRAINT in a later "
                    + "transaction: validation takes only SHARE UPDATE EXCLUSIVE, so reads and writes continue.");

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
            boolean validatable = c.kind() == ConstraintKind.CHECK || c.kind() == ConstraintKind.FOREIGN_KEY
                    || c.kind() == ConstraintKind.NOT_NULL && ctx.version().atLeast(18);
            if (!validatable || c.notValid()) {
                continue;
            }
            String name = c.name() != null ? c.name() : table.name() + "_new_constraint";
            String definition = ctx.statement().text();
            String addSql = "ALTER TABLE " + Support.q(table) + " ADD CONSTRAINT " + Support.q(name) + " "
                    + constraintBody(definition, c) + " NOT VALID;";
            String fix = addSql + "\n-- in a later transaction:\nALTER TABLE " + Support.q(table)
                    + " VALIDATE CONSTRAINT " + Support.q(name) + ";";
            String message;
            if (c.kind() == ConstraintKind.FOREIGN_KEY) {
                QualifiedName ref = c.references().table();
                message = "validating the foreign key reads all of " + table.display() + " and " + ref.display()
                        + " while holding SHARE ROW EXCLUSIVE on both: it "
                        + LockMode.SHARE_ROW_EXCLUSIVE.effectOn(table.display() + " and " + ref.display())
                        + " until commit";
            } else {
                message = "validating the constraint scans all of " + ctx.describe(table) + " while it "
                        + Support.effect(ctx, table, LockMode.ACCESS_EXCLUSIVE);
            }
            out.report(META, ctx.index(), message, fix);
        }
    }

    /** The constraint's definition as written (after its name), for the fix. */
    private static String constraintBody(String statement, TableConstraint c) {
        String keyword = switch (c.kind()) {
            case CHECK -> "check";
            case FOREIGN_KEY -> "foreign";
            default -> "not";
        };
        int i = Support.indexOfWord(statement, keyword);
        if (i < 0) {
            return "...";
        }
        String body = statement.substring(i).strip();
        if (body.endsWith(";")) {
            body = body.substring(0, body.length() - 1);
        }
        return body;
    }
}
