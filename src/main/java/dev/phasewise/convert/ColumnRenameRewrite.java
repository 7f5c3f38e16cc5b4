package dev.phasewise.convert;

import dev.phasewise.analysis.schema.Column;
import dev.phasewise.analysis.sql.AlterAction;
import dev.phasewise.analysis.sql.Identifiers;
import dev.phasewise.analysis.sql.QualifiedName;
import dev.phasewise.plan.Phase;
import dev.phasewise.plan.steps.RawSql;

import java.util.List;

/**
 * RENAME COLUMN of a column the deployed code uses: kept as written (PostgreSQL renames in the
 * catalog only, under a brief ACCESS EXCLUSIVE lock that the plan's lock_timeout and retries
 * bound) and moved to the contract phase, behind a gate that names the code change it needs.
 *
 * <p>Why not a new column kept in sync by a trigger (rename-column, backfill, drop the old one): that
 * copies every row, moves the column to the end of the table, must rebuild each index and constraint
 * on it under new names, cannot follow a primary key, a foreign key of another table or a view that
 * uses the column (a rename carries them all along), and its trigger cannot keep a column with a
 * default in step on insert. The rename keeps all of that exactly as the original does; what it
 * cannot remove is the moment deployed code that names the old column starts failing, which the
 * gate and the account state.
 */
final class ColumnRenameRewrite {
    private ColumnRenameRewrite() {
    }

    static Piece rewrite(Unit unit, PlanAssembly plan, QualifiedName table, AlterAction.RenameColumn rename) {
        boolean addedHere = unit.relation(table).flatMap(r -> r.column(rename.from()))
                .map(Column::addedByMigration).orElse(false);
        if (addedHere || rename.from().equals(rename.to())) {
            return null; // a column this migration added: no deployed code uses it, safe as written
        }
        String t = table.display();
        String from = Identifiers.quote(rename.from());
        String to = Identifiers.quote(rename.to());
        RawSql step = new RawSql(plan.id("rename-column-" + t + "-" + rename.from()),
                "rename " + t + "." + rename.from() + " to " + rename.to(),
                "ALTER TABLE " + table.quoted() + " RENAME COLUMN " + from + " TO " + to,
                "ALTER TABLE " + table.quoted() + " RENAME COLUMN " + to + " TO " + from,
                "SELECT EXISTS (SELECT 1 FROM pg_attribute WHERE attrelid = " + Identifiers.literal(table.quoted())
                        + "::regclass AND attname = " + Identifiers.literal(rename.to()) + " AND NOT attisdropped)");
        plan.gateBefore(Phase.CONTRACT, Gates.readyForRename(plan.dialect(), t, rename.from(), rename.to()));
        return Piece.moved(List.of(b -> b.add(Phase.CONTRACT, unit.tables(), step, true)),
                "RENAME COLUMN " + rename.from() + " TO " + rename.to() + " changes only the catalog (a brief "
                        + "ACCESS EXCLUSIVE lock, bounded by the plan's lock_timeout), but every deployed query that "
                        + "names " + rename.from() + " fails from the moment it commits. It stays as written (the "
                        + "column keeps its place, indexes, constraints, foreign keys and views) and moves to the "
                        + "contract phase, behind a gate: the release that uses " + rename.to() + " goes out right "
                        + "after it. Code that still names " + rename.from() + " fails until then; only code that "
                        + "names neither column is unaffected.");
    }
}
