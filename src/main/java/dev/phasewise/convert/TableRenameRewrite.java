package dev.phasewise.convert;

import dev.phasewise.analysis.schema.Relation;
import dev.phasewise.analysis.schema.RelationKind;
import dev.phasewise.analysis.sql.AlterAction;
import dev.phasewise.analysis.sql.Identifiers;
import dev.phasewise.analysis.sql.QualifiedName;
import dev.phasewise.plan.Phase;
import dev.phasewise.plan.steps.RawSql;
import dev.phasewise.plan.steps.RenameTable;

import java.util.List;
import java.util.Optional;

/**
 * RENAME TO of a table deployed code uses: expand renames it and puts an updatable view with the old
 * name in its place, in one transaction, so that code naming either name works; the contract phase,
 * behind a gate, drops the view. Unlike a column rename, a table rename has this safe form: a view of
 * one table passes reads and writes through, and the rename carries indexes, constraints, foreign keys,
 * sequences and dependent views along.
 */
final class TableRenameRewrite {
    private TableRenameRewrite() {
    }

    static Piece rewrite(Unit unit, PlanAssembly plan, QualifiedName table, AlterAction.RenameTo rename) {
        Optional<Relation> r = unit.relation(table);
        if (r.isEmpty() || r.get().createdByMigration() || r.get().kind() != RelationKind.TABLE) {
            return null; // a table this migration created, or not a plain table: kept as written
        }
        String t = table.display();
        QualifiedName renamed = new QualifiedName(table.schema(), rename.newName());
        RenameTable expand = new RenameTable(plan.id("rename-table-" + t), null, t, rename.newName());
        RawSql contract = new RawSql(plan.id("drop-view-" + t), "drop the view " + t + " that kept the old name working",
                "DROP VIEW IF EXISTS " + table.quoted(),
                "CREATE VIEW " + table.quoted() + " AS SELECT * FROM " + renamed.quoted(),
                "SELECT to_regclass(" + Identifiers.literal(table.quoted()) + ") IS NULL");
        plan.gateBefore(Phase.CONTRACT, Gates.noLongerUsesOldTableName(plan.dialect(), t, renamed.display()));
        return Piece.rewritten(List.of(b -> b.add(Phase.EXPAND, unit.tables(), expand, true),
                        b -> b.add(Phase.CONTRACT, List.of(t), contract, true)),
                "RENAME TO " + rename.newName() + " makes every deployed query that names " + t + " fail from the moment "
                        + "it commits. Expand renames the table and creates a view named " + t + " over it, in one "
                        + "transaction (a brief ACCESS EXCLUSIVE lock, bounded by the plan's lock_timeout): a view of "
                        + "one table is updatable, so code naming either name reads and writes the same rows. The "
                        + "contract phase drops the view once no deployed code names " + t + ". The view has the "
                        + "columns the table has when it is created, and needs the table's grants for other roles.");
    }
}
