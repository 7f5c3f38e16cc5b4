package dev.phasewise.convert;

import dev.phasewise.analysis.schema.Column;
import dev.phasewise.analysis.schema.Constraint;
import dev.phasewise.analysis.schema.Index;
import dev.phasewise.analysis.schema.Relation;
import dev.phasewise.analysis.schema.RelationKind;
import dev.phasewise.analysis.schema.SchemaModel;
import dev.phasewise.analysis.sql.AlterAction;
import dev.phasewise.analysis.sql.ConstraintKind;

import java.util.List;

/**
 * When a type change through a shadow column cannot end where ALTER COLUMN TYPE ends: what a new
 * column cannot take over (a primary key, a foreign key of another table, a view), and what the
 * schema model does not know well enough to make again (an index's expression or WHERE, a foreign
 * key's DEFERRABLE).
 */
final class ShadowColumnLimits {
    private ShadowColumnLimits() {
    }

    /** Why a shadow column cannot end where the original ends, or null when it can. */
    static String refusal(SchemaModel schema, Relation r, Column column, AlterAction.AlterColumnType change) {
        String c = column.name();
        if (r.kind() != RelationKind.TABLE || r.isPartition() || !schema.childrenOf(r).isEmpty()
                || !r.parents().isEmpty()) {
            return "the table is partitioned or inherited";
        }
        if (column.addedByMigration()) {
            return "the column is new in this migration (give its ADD COLUMN the new type)";
        }
        if (change.collation() != null) {
            return "the change sets a collation";
        }
        if (column.defaultSql() != null && column.defaultSql().contains("nextval")) {
            return "the column takes its values from a sequence, which belongs to it";
        }
        List<Constraint> pk = r.constraintsOfKind(ConstraintKind.PRIMARY_KEY);
        if (pk.size() != 1 || pk.get(0).columns().size() != 1) {
            return "the table has no single-column primary key for the backfill to walk";
        }
        if (pk.get(0).columns().contains(c)) {
            return "the column is the primary key (foreign keys and the identity would have to move with it)";
        }
        for (SchemaModel.ForeignKeyUse use : schema.foreignKeysReferencing(r)) {
            if (use.constraint().references().columns().contains(c)) {
                return "the foreign key " + use.constraint().name() + " of " + use.table().name().display()
                        + " references the column";
            }
        }
        for (Relation other : schema.relations()) {
            if ((other.kind() == RelationKind.VIEW || other.kind() == RelationKind.MATERIALIZED_VIEW)
                    && other.reads().stream().anyMatch(n -> n.key().equals(r.name().key()))) {
                return "the view " + other.name().display() + " reads the table (a view keeps the column it was "
                        + "built on)";
            }
        }
        for (Constraint k : r.constraints()) {
            if (!involves(k, c)) {
                continue;
            }
            if (!k.validated()) {
                return "the constraint " + k.name() + " on the column is NOT VALID";
            }
            if (k.kind() == ConstraintKind.FOREIGN_KEY && !k.references().plain()) {
                return "the foreign key " + k.name() + " on the column has clauses (MATCH, ON UPDATE, DEFERRABLE, "
                        + "INITIALLY, NOT ENFORCED) that the schema model does not keep";
            }
            if (k.kind() == ConstraintKind.EXCLUDE) {
                return "the exclusion constraint " + k.name() + " uses the column";
            }
        }
        for (Index i : schema.indexesOn(r)) {
            if (isConstraintIndex(r, i)) {
                continue;
            }
            if (i.partial()) {
                return "the partial index " + i.name().name() + " has a WHERE clause that the schema model does not "
                        + "keep";
            }
            if (i.columns().stream().anyMatch(x -> ColumnText.mentions(x, c)) && !i.plain()) {
                return "the index " + i.name().name() + " on the column has an expression, an operator class, an "
                        + "order, INCLUDE or a method other than b-tree";
            }
        }
        return null;
    }

    static boolean involves(Constraint k, String column) {
        return k.columns().contains(column) || k.check() != null && ColumnText.mentions(k.check().text(), column);
    }

    static boolean isConstraintIndex(Relation r, Index i) {
        return r.constraint(i.name().name()).map(k -> k.kind() == ConstraintKind.UNIQUE
                || k.kind() == ConstraintKind.PRIMARY_KEY || k.kind() == ConstraintKind.EXCLUDE).orElse(false);
    }
}
