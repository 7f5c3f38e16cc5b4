package dev.phasewise.convert;

import dev.phasewise.analysis.TypeChange;
import dev.phasewise.analysis.schema.Column;
import dev.phasewise.analysis.schema.Constraint;
import dev.phasewise.analysis.schema.Index;
import dev.phasewise.analysis.schema.Relation;
import dev.phasewise.analysis.sql.AlterAction;
import dev.phasewise.analysis.sql.ConstraintKind;
import dev.phasewise.analysis.sql.ForeignKeyRef;
import dev.phasewise.analysis.sql.Identifiers;
import dev.phasewise.analysis.sql.QualifiedName;
import dev.phasewise.plan.Phase;
import dev.phasewise.plan.steps.Backfill;
import dev.phasewise.plan.steps.ChangeColumnType;
import dev.phasewise.plan.steps.CreateIndex;
import dev.phasewise.plan.steps.DropColumn;
import dev.phasewise.plan.steps.RawSql;
import dev.phasewise.plan.steps.SetNotNull;
import dev.phasewise.plan.steps.SwapColumn;
import dev.phasewise.plan.steps.ValidateConstraint;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * ALTER COLUMN c TYPE T [USING expr] that rewrites the table: a shadow column of the new type kept
 * filled by a trigger, a keyset backfill, the column's indexes built concurrently and its CHECK and
 * UNIQUE constraints made again on the shadow under temporary names, NOT NULL through a validated
 * check; then one short transaction swaps the names and gives the column its default, the old
 * column is dropped, and the indexes and constraints take their names back.
 *
 * <p>The order matters: the shadow gets its default only in the swap (the sync trigger fills a
 * shadow left NULL, so a default would stop it), and the old column stops refusing NULL before the
 * swap (after it, no trigger fills it, and a NOT NULL on it would refuse every insert until it is
 * dropped). The indexes and constraints can take their names only once the old column, and with
 * it the old objects of those names, is gone.
 *
 * <p>A type change that only rewrites the catalog (varchar(200) to varchar(300), varchar to text) is
 * not touched: it stays as written.
 */
final class ColumnTypeRewrite {
    private ColumnTypeRewrite() {
    }

    /** {@code statement}: all the sub-commands of the ALTER TABLE, this one among them. */
    static Piece rewrite(Unit unit, PlanAssembly plan, QualifiedName table, AlterAction.AlterColumnType change,
                         List<AlterAction> statement) {
        Optional<Relation> found = unit.relation(table);
        Column column = found.flatMap(r -> r.column(change.column())).orElse(null);
        if (!TypeChange.requiresRewrite(column == null ? null : column.type(), change.type(), change.using(),
                change.column())) {
            return null; // metadata only: kept as written
        }
        String c = change.column();
        String what = "ALTER COLUMN " + c + " TYPE " + change.type().sql() + " takes " + Risk.of(unit, table) + ". ";
        if (found.isEmpty() || !found.get().declared() || column == null) {
            return Piece.refused(what + "The table's columns, indexes and constraints are unknown, so a shadow column "
                    + "could not be made to end the same: give --schema or --url.");
        }
        Relation r = found.get();
        // another sub-command of the same statement (a second type change, a new default) would run beside the
        // shadow's steps, which are made from the schema as it stands before the statement
        boolean setNotNullToo = setsNotNullToo(statement, change);
        String refusal = statement.size() == 1 || setNotNullToo ? ShadowColumnLimits.refusal(unit.schema(), r, column, change)
                : "the same ALTER TABLE does more (write each type change as its own statement)";
        if (refusal != null) {
            return Piece.refused(what + "A shadow column cannot end the same here: " + refusal + ".");
        }
        String key = Keys.of(unit, table).orElseThrow(); // refusal() checked that there is a single-column key
        return new Shadow(unit, plan, table, r, column, change, key, column.notNull() || setNotNullToo).piece(what);
    }

    /**
     * {@code ALTER COLUMN c TYPE ..., ALTER COLUMN c SET NOT NULL} in one statement, as Django writes an
     * AlterField that changes both: the shadow column takes the NOT NULL (through a validated check
     * before the swap), and {@link AlterTableRewrite} leaves the SET NOT NULL out, done by the shadow.
     */
    static boolean setsNotNullToo(List<AlterAction> statement, AlterAction.AlterColumnType change) {
        return statement.size() == 2 && statement.get(0) == change
                && statement.get(1) instanceof AlterAction.SetNotNull set && set.column().equals(change.column());
    }

    /** The steps of one rewritten type change. */
    private static final class Shadow {
        private final Unit unit;
        private final PlanAssembly plan;
        private final QualifiedName table;
        private final Relation relation;
        private final Column column;
        private final AlterAction.AlterColumnType change;
        private final String key;
        private final String t;
        private final String shadow;
        private final Set<String> tables;
        private final List<Piece.Placement> steps = new ArrayList<>();
        private final List<String> renames = new ArrayList<>();

        /** Whether the column ends NOT NULL: it was, or the same statement sets it. */
        private final boolean notNull;

        Shadow(Unit unit, PlanAssembly plan, QualifiedName table, Relation relation, Column column,
               AlterAction.AlterColumnType change, String key, boolean notNull) {
            this.notNull = notNull;
            this.unit = unit;
            this.plan = plan;
            this.table = table;
            this.relation = relation;
            this.column = column;
            this.change = change;
            this.key = key;
            this.t = table.display();
            this.shadow = TempNames.column(relation, column.name() + "_new");
            this.tables = unit.tables();
        }

        Piece piece(String what) {
            String c = column.name();
            String type = change.type().sql();
            String using = change.using() == null ? Identifiers.quote(c) : change.using().text();
            ChangeColumnType expand = new ChangeColumnType(plan.id("change-type-" + t + "-" + c), null, t, c, type,
                    ColumnText.replace(using, c, "$column"), shadow);
            steps.add(b -> b.add(Phase.EXPAND, tables, expand, true));
            List<String> checks = checks();
            Backfill fill = new Backfill(plan.id("backfill-" + t + "-" + shadow), null, t, key,
                    Identifiers.quote(shadow) + " = " + using, Identifiers.quote(shadow) + " IS DISTINCT FROM CAST(("
                    + using + ") AS " + type + ")", null, null, null);
            steps.add(b -> b.add(Phase.BACKFILL, tables, fill, true));
            List<String> indexes = indexes();
            if (notNull) {
                SetNotNull setNotNull = new SetNotNull(plan.id("set-not-null-" + t + "-" + shadow), null, t, shadow, null);
                steps.add(b -> b.add(Phase.CONTRACT, tables, setNotNull, true));
            }
            if (column.notNull()) {
                String q = Identifiers.quote(c);
                RawSql release = new RawSql(plan.id("drop-not-null-" + t + "-" + c), "let the old " + t + "." + c
                        + " take NULL, so that it refuses no insert between the swap and its drop",
                        "ALTER TABLE " + table.quoted() + " ALTER COLUMN " + q + " DROP NOT NULL",
                        "ALTER TABLE " + table.quoted() + " ALTER COLUMN " + q + " SET NOT NULL", null);
                steps.add(b -> b.add(Phase.CONTRACT, tables, release, true));
            }
            for (String check : checks) {
                ValidateConstraint validate = new ValidateConstraint(plan.id("validate-" + check), null, t, check);
                steps.add(b -> b.add(Phase.CONTRACT, tables, validate, true));
            }
            String old = TempNames.column(relation, c + "_old");
            SwapColumn swap = new SwapColumn(plan.id("swap-" + t + "-" + c), null, t, c, shadow, old,
                    column.defaultSql());
            steps.add(b -> b.add(Phase.CONTRACT, tables, swap, true));
            DropColumn drop = new DropColumn(plan.id("drop-column-" + t + "-" + old), null, t, old);
            steps.add(b -> b.add(Phase.CONTRACT, tables, drop, true));
            if (notNull && unit.version().atLeast(18)) {
                // PostgreSQL 18 names a NOT NULL constraint after its column: the shadow's keeps "_new" after the swap
                renames.add("ALTER TABLE " + table.quoted() + " RENAME CONSTRAINT "
                        + Identifiers.quote(PgNames.objectName(table.name(), shadow, "not_null")) + " TO "
                        + Identifiers.quote(PgNames.objectName(table.name(), c, "not_null")));
            }
            if (!renames.isEmpty()) {
                RawSql names = new RawSql(plan.id("restore-names-" + t + "-" + c), "give " + t + "." + c
                        + "'s indexes and constraints their names back", String.join(";\n", renames), null, null);
                steps.add(b -> b.add(Phase.CONTRACT, tables, names, true));
            }
            plan.gateBefore(Phase.CONTRACT, "the backfill of " + t + " finished: every row has " + shadow
                    + " filled from " + c);
            return Piece.rewritten(steps, what + "The column is changed through a shadow column " + shadow + " of type "
                    + type + ": a trigger fills it from every write of " + c + ", keyset batches" + over()
                    + " fill the existing rows, "
                    + (indexes.isEmpty() ? "" : "its indexes (" + String.join(", ", indexes) + ") are built "
                    + "CONCURRENTLY, ")
                    + (checks.isEmpty() ? "" : "its CHECK constraints and foreign keys are added NOT VALID and "
                    + "validated, ")
                    + (notNull ? "NOT NULL comes through a validated check, " : "")
                    + "then one short transaction swaps the names" + (column.defaultSql() == null ? ""
                    : " and sets the default") + ", the old column is dropped"
                    + (renames.isEmpty() ? "." : " and the indexes and constraints take their names back.")
                    + " The column moves to the end of the table (its attnum changes); everything else ends as the "
                    + "original leaves it.");
        }

        private String over() {
            return Keys.assumed(unit, table) ? "" : " over " + key;
        }

        /**
         * CHECK constraints and foreign keys on the column, added NOT VALID on the shadow under temporary names
         * (rows the trigger fills are checked at once); their names, for the validation after the backfill.
         */
        private List<String> checks() {
            List<String> out = new ArrayList<>();
            for (Constraint k : relation.constraints()) {
                String definition = onShadow(k);
                if (definition == null) {
                    continue;
                }
                String temp = TempNames.constraint(relation, k.name() + "_new");
                RawSql add = new RawSql(plan.id("add-constraint-" + temp), "add " + temp + " on " + t + "." + shadow
                        + " (NOT VALID), for " + k.name(), "ALTER TABLE " + table.quoted() + " ADD CONSTRAINT "
                        + Identifiers.quote(temp) + " " + definition + " NOT VALID", "ALTER TABLE " + table.quoted()
                        + " DROP CONSTRAINT IF EXISTS " + Identifiers.quote(temp), null);
                steps.add(b -> b.add(Phase.EXPAND, tables, add, true));
                renames.add("ALTER TABLE " + table.quoted() + " RENAME CONSTRAINT " + Identifiers.quote(temp) + " TO "
                        + Identifiers.quote(k.name()));
                out.add(temp);
            }
            return out;
        }

        /** The constraint's definition on the shadow column, or null when it is not a CHECK or foreign key on it. */
        private String onShadow(Constraint k) {
            String c = column.name();
            if (k.kind() == ConstraintKind.CHECK && k.check() != null && ColumnText.mentions(k.check().text(), c)) {
                return "CHECK (" + ColumnText.rename(k.check().text(), c, shadow) + ")";
            }
            if (k.kind() != ConstraintKind.FOREIGN_KEY || !k.columns().contains(c)) {
                return null;
            }
            ForeignKeyRef ref = k.references();
            String action = ref.onDelete().equals("no action") ? ""
                    : " ON DELETE " + ref.onDelete().toUpperCase(Locale.ROOT);
            return "FOREIGN KEY (" + quoted(k.columns().stream().map(x -> x.equals(c) ? shadow : x).toList())
                    + ") REFERENCES " + ref.table().quoted() + (ref.columns().isEmpty() ? "" : " ("
                    + quoted(ref.columns()) + ")") + action;
        }

        private static String quoted(List<String> names) {
            return String.join(", ", names.stream().map(Identifiers::quote).toList());
        }

        /**
         * The column's plain indexes and UNIQUE constraints, built concurrently on the shadow under temporary
         * names after the backfill (building them before would make every batch update them); their names.
         */
        private List<String> indexes() {
            List<String> out = new ArrayList<>();
            String c = column.name();
            for (Constraint k : relation.constraintsOfKind(ConstraintKind.UNIQUE)) {
                if (k.columns().contains(c)) {
                    String temp = build(k.name(), k.columns(), true);
                    renames.add("ALTER TABLE " + table.quoted() + " ADD CONSTRAINT " + Identifiers.quote(k.name())
                            + " UNIQUE USING INDEX " + Identifiers.quote(temp));
                    out.add(k.name());
                }
            }
            for (Index i : unit.schema().indexesOn(relation)) {
                if (ShadowColumnLimits.isConstraintIndex(relation, i) || !i.columns().contains(c)) {
                    continue;
                }
                String temp = build(i.name().name(), i.columns(), i.unique());
                renames.add("ALTER INDEX " + new QualifiedName(table.schema(), temp).quoted() + " RENAME TO "
                        + Identifiers.quote(i.name().name()));
                out.add(i.name().name());
            }
            return out;
        }

        private String build(String name, List<String> columns, boolean unique) {
            String temp = TempNames.relation(unit.schema(), table, name + "_new");
            List<String> onShadow = columns.stream().map(x -> x.equals(column.name()) ? shadow : x).toList();
            CreateIndex index = new CreateIndex(plan.id("create-index-" + temp), null, t, temp, onShadow, unique,
                    null, null);
            steps.add(b -> b.add(Phase.BACKFILL, tables, index, true));
            return temp;
        }
    }
}
