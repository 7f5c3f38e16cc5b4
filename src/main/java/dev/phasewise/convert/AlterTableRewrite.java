package dev.phasewise.convert;

import dev.phasewise.analysis.parse.Token;
import dev.phasewise.analysis.schema.Column;
import dev.phasewise.analysis.schema.Relation;
import dev.phasewise.analysis.schema.Volatility;
import dev.phasewise.analysis.sql.AlterAction;
import dev.phasewise.analysis.sql.ColumnDef;
import dev.phasewise.analysis.sql.Command;
import dev.phasewise.analysis.sql.ConstraintKind;
import dev.phasewise.analysis.sql.Identifiers;
import dev.phasewise.analysis.sql.QualifiedName;
import dev.phasewise.analysis.sql.TableConstraint;
import dev.phasewise.plan.Phase;
import dev.phasewise.plan.steps.AddColumn;
import dev.phasewise.plan.steps.AddUniqueConstraint;
import dev.phasewise.plan.steps.Backfill;
import dev.phasewise.plan.steps.CreateIndex;
import dev.phasewise.plan.steps.RawSql;
import dev.phasewise.plan.steps.SetNotNull;
import dev.phasewise.plan.steps.ValidateConstraint;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * ALTER TABLE on a table that existed before the migration, sub-command by sub-command: the risky
 * ones become phased steps, the others stay as written (consecutive ones in one ALTER TABLE, as the
 * input grouped them), drops move to the contract phase.
 */
final class AlterTableRewrite implements Rewrite {

    @Override
    public boolean convert(Unit unit, PlanAssembly plan) {
        if (!(unit.command() instanceof Command.AlterTable alter) || !"table".equals(alter.objectKind())
                || !unit.existing(alter.table())) {
            return false;
        }
        AlterParts parts = AlterParts.of(unit, alter);
        if (parts == null) {
            return false;
        }
        Became became = new Became(plan, unit);
        List<String> why = new ArrayList<>();
        List<String> refusals = new ArrayList<>();
        List<String> kept = new ArrayList<>();
        boolean keptDrops = false;
        boolean rewritten = false;
        boolean onlyMoved = true;
        Set<String> tables = unit.tables();
        String table = alter.table().display();
        boolean shadowSetsNotNull = false;
        for (int i = 0; i < alter.actions().size(); i++) {
            AlterAction action = alter.actions().get(i);
            String text = parts.actions().get(i);
            if (shadowSetsNotNull && action instanceof AlterAction.SetNotNull) {
                continue; // the shadow column of the type change before it takes the NOT NULL
            }
            Piece piece = alter.only() ? null : rewrite(unit, plan, alter, action, text);
            shadowSetsNotNull = piece != null && !piece.isRefused() && action instanceof AlterAction.AlterColumnType change
                    && ColumnTypeRewrite.setsNotNullToo(alter.actions(), change);
            if (piece == null || piece.isRefused()) {
                if (piece != null) {
                    refusals.add(piece.why());
                }
                kept.add(text);
                if (action instanceof AlterAction.DropColumn d) {
                    keptDrops = true;
                    plan.gateBefore(Phase.CONTRACT, Gates.noLongerUsesColumn(plan.dialect(), table, d.column()));
                }
                continue;
            }
            flushKept(unit, plan, became, parts, kept, keptDrops, tables);
            kept.clear();
            keptDrops = false;
            rewritten = true;
            onlyMoved &= piece.moved();
            piece.place(became);
            why.add(piece.why());
        }
        if (!rewritten) {
            if (refusals.isEmpty()) {
                return false;
            }
            KeepRewrite.keepRisky(unit, plan, String.join(" ", refusals));
            return true;
        }
        flushKept(unit, plan, became, parts, kept, keptDrops, tables);
        if (!refusals.isEmpty()) {
            why.add("Kept as written, still risky: " + String.join(" ", refusals));
        }
        became.account(!refusals.isEmpty() ? Outcome.KEPT_RISKY : onlyMoved ? Outcome.MOVED : Outcome.REWRITTEN,
                String.join(" ", why));
        return true;
    }

    /** The sub-commands kept as written since the last rewritten one, as one ALTER TABLE step. */
    private static void flushKept(Unit unit, PlanAssembly plan, Became became, AlterParts parts, List<String> kept,
                                  boolean drops, Set<String> tables) {
        if (kept.isEmpty()) {
            return;
        }
        String sql = parts.statement(kept);
        became.add(drops ? Phase.CONTRACT : Phase.EXPAND, tables,
                new RawSql(plan.id("sql-" + unit.index()), null, sql, null, null), true);
    }

    private static Piece rewrite(Unit unit, PlanAssembly plan, Command.AlterTable alter, AlterAction action,
                                 String text) {
        QualifiedName table = alter.table();
        if (action instanceof AlterAction.AddColumn add && !add.ifNotExists()) {
            return addColumn(unit, plan, table, add.column(), text);
        }
        if (action instanceof AlterAction.SetNotNull set) {
            return setNotNull(unit, plan, table, set.column());
        }
        if (action instanceof AlterAction.AddConstraint add) {
            return addConstraint(unit, plan, table, add.constraint(), text);
        }
        if (action instanceof AlterAction.DetachPartition detach) {
            return detach(unit, plan, table, detach);
        }
        if (action instanceof AlterAction.AlterColumnType change) {
            return ColumnTypeRewrite.rewrite(unit, plan, table, change, alter.actions());
        }
        if (action instanceof AlterAction.RenameColumn rename) {
            return ColumnRenameRewrite.rewrite(unit, plan, table, rename);
        }
        if (action instanceof AlterAction.RenameTo rename && alter.actions().size() == 1) {
            return TableRenameRewrite.rewrite(unit, plan, table, rename);
        }
        return null;
    }

    // ---------------------------------------------------------------- ADD COLUMN

    private static Piece addColumn(Unit unit, PlanAssembly plan, QualifiedName table, ColumnDef c, String text) {
        if (isNewUniqueColumn(c, text)) {
            return uniqueColumn(unit, plan, table, c);
        }
        if (c.generated() != null || !c.constraints().isEmpty() || c.type().serial() || has(text, "collate")) {
            return null;
        }
        boolean volatileDefault = c.defaultValue() != null && Volatility.isVolatile(c.defaultValue(), unit.schema());
        boolean requiredWithoutDefault = c.notNull() && c.defaultValue() == null;
        if (!volatileDefault && !requiredWithoutDefault) {
            return null; // nullable, or a constant default: metadata only since PostgreSQL 11, kept as written
        }
        String t = table.display();
        Set<String> tables = unit.tables();
        Optional<String> key = Keys.of(unit, table);
        if (volatileDefault && key.isEmpty()) {
            return null;
        }
        List<Piece.Placement> steps = new ArrayList<>();
        AddColumn addStep = new AddColumn(plan.id("add-column-" + t + "-" + c.name()), null, t, c.name(),
                c.type().sql(), null);
        steps.add(b -> b.add(Phase.EXPAND, tables, addStep, true));
        StringBuilder why = new StringBuilder();
        String risk = Risk.of(unit, table);
        if (volatileDefault) {
            String expr = c.defaultValue().text();
            RawSql setDefault = new RawSql(plan.id("set-default-" + t + "-" + c.name()),
                    "new rows of " + t + " get " + c.name() + " = " + expr,
                    "ALTER TABLE " + table.quoted() + " ALTER COLUMN " + Identifiers.quote(c.name()) + " SET DEFAULT "
                            + expr,
                    "ALTER TABLE " + table.quoted() + " ALTER COLUMN " + Identifiers.quote(c.name()) + " DROP DEFAULT",
                    null);
            Backfill fill = new Backfill(plan.id("backfill-" + t + "-" + c.name()), null, t, key.get(),
                    Identifiers.quote(c.name()) + " = " + expr, Identifiers.quote(c.name()) + " IS NULL", null, null,
                    null);
            steps.add(b -> b.add(Phase.EXPAND, tables, setDefault, true));
            steps.add(b -> {
                b.add(Phase.BACKFILL, tables, fill, true);
                plan.fillsColumn(t, c.name());
            });
            why.append("ADD COLUMN ").append(c.name()).append(" with the volatile default ").append(expr)
                    .append(" takes ").append(risk).append(". The column is added empty (metadata only), new rows ")
                    .append("get the default at once, and the existing rows are filled in keyset batches")
                    .append(keyNote(unit, table, key.get())).append('.');
        } else {
            plan.gateBefore(Phase.BACKFILL, Gates.writesNewColumn(plan.dialect(), t, c.name()));
            plan.trackEmptyColumn(t, c.name());
            why.append("ADD COLUMN ").append(c.name()).append(" NOT NULL without a default fails on a table with ")
                    .append("rows. The column is added nullable; a later UPDATE of it becomes its backfill");
            why.append('.');
        }
        if (c.notNull()) {
            SetNotNull notNull = new SetNotNull(plan.id("set-not-null-" + t + "-" + c.name()), null, t, c.name(), null);
            steps.add(b -> plan.deferToEnd(notNull, b));
            plan.gateBefore(Phase.CONTRACT, Gates.backfillDone(t, c.name()));
            plan.gateBefore(Phase.CONTRACT, Gates.requiresColumn(plan.dialect(), t, c.name()));
            why.append(" NOT NULL comes last, through a CHECK validated without blocking writes.");
        }
        return Piece.rewritten(steps, why.toString());
    }

    /**
     * {@code ADD COLUMN c type NULL UNIQUE} (Django's AddField with unique=True): a nullable column with no
     * default holds only NULLs, and its one inline UNIQUE builds an index under ACCESS EXCLUSIVE.
     */
    private static boolean isNewUniqueColumn(ColumnDef c, String text) {
        return c.generated() == null && !c.type().serial() && !c.notNull() && c.constraints().size() == 1
                && c.constraints().get(0).kind() == ConstraintKind.UNIQUE
                && (c.defaultValue() == null || c.defaultValue().isNull())
                && !has(text, "collate") && !has(text, "include") && !has(text, "nulls") && !has(text, "with")
                && !has(text, "using") && !has(text, "deferrable") && !has(text, "initially");
    }

    private static Piece uniqueColumn(Unit unit, PlanAssembly plan, QualifiedName table, ColumnDef c) {
        TableConstraint tc = c.constraints().get(0);
        String t = table.display();
        // the name PostgreSQL gives an inline UNIQUE: <table>_<column>_key, unless the statement names it
        String name = tc.name() != null ? tc.name() : PgNames.constraint(unit.schema(), table, List.of(c.name()), "key");
        AddColumn addStep = new AddColumn(plan.id("add-column-" + t + "-" + c.name()), null, t, c.name(),
                c.type().sql(), null);
        AddUniqueConstraint unique = new AddUniqueConstraint(plan.id("add-unique-" + name), null, t, name,
                List.of(c.name()));
        Set<String> tables = unit.tables();
        return Piece.rewritten(List.of(b -> b.add(Phase.EXPAND, tables, addStep, true),
                        b -> b.add(Phase.EXPAND, tables, unique, true)),
                "ADD COLUMN " + c.name() + " UNIQUE builds its unique index under " + Risk.of(unit, table)
                        + ". The column is added without it (metadata only), then the unique index " + name
                        + " is built CONCURRENTLY (writes go on) and attached as the constraint.");
    }

    private static String keyNote(Unit unit, QualifiedName table, String key) {
        return Keys.assumed(unit, table) ? " (over " + key + ", assumed: give --schema or --url to use the real key)"
                : " over " + key;
    }

    // ---------------------------------------------------------------- SET NOT NULL

    private static Piece setNotNull(Unit unit, PlanAssembly plan, QualifiedName table, String column) {
        Optional<Relation> r = unit.relation(table);
        if (r.isPresent() && r.get().column(column).map(Column::notNull).orElse(false)) {
            return null; // already NOT NULL: PostgreSQL does nothing
        }
        String t = table.display();
        SetNotNull step = new SetNotNull(plan.id("set-not-null-" + t + "-" + column), null, t, column, null);
        plan.gateBefore(Phase.CONTRACT, Gates.requiresColumn(plan.dialect(), t, column));
        return Piece.rewritten(List.of(b -> b.add(Phase.CONTRACT, unit.tables(), step, true)),
                "SET NOT NULL on " + column + " takes " + Risk.of(unit, table)
                        + ". It becomes a CHECK (" + column + " IS NOT NULL) added NOT VALID, validated under SHARE "
                        + "UPDATE EXCLUSIVE (writes continue), then SET NOT NULL without a scan, and the check dropped.");
    }

    // ---------------------------------------------------------------- ADD CONSTRAINT

    private static Piece addConstraint(Unit unit, PlanAssembly plan, QualifiedName table, TableConstraint tc,
                                       String text) {
        if (tc.notValid() && tc.kind() == ConstraintKind.FOREIGN_KEY) {
            return indexForNotValidForeignKey(unit, plan, table, tc, text);
        }
        if (tc.notValid() || tc.usingIndex() != null || has(text, "deferrable") || has(text, "initially")) {
            return null;
        }
        return switch (tc.kind()) {
            case CHECK -> check(unit, plan, table, tc, text);
            case FOREIGN_KEY -> foreignKey(unit, plan, table, tc, text);
            case UNIQUE -> unique(unit, plan, table, tc, text);
            case PRIMARY_KEY -> primaryKey(unit, plan, table, tc, text);
            default -> null;
        };
    }

    private static Piece check(Unit unit, PlanAssembly plan, QualifiedName table, TableConstraint tc, String text) {
        if (has(text, "no\\s+inherit")) { // kept as written
            return null;
        }
        String name = tc.name() != null ? tc.name()
                : PgNames.constraint(unit.schema(), table, checkColumns(unit, table, tc), "check");
        return notValidThenValidate(unit, plan, table, name, "CHECK (" + tc.check().text() + ")",
                "a CHECK constraint");
    }

    private static Piece foreignKey(Unit unit, PlanAssembly plan, QualifiedName table, TableConstraint tc,
                                    String text) {
        String name = tc.name() != null ? tc.name() : PgNames.constraint(unit.schema(), table, tc.columns(), "fkey");
        String body = withoutName(unit, text);
        if (body == null) {
            return null;
        }
        Piece constraint = notValidThenValidate(unit, plan, table, name, body, "a foreign key");
        Piece.Placement index = missingIndex(unit, plan, table, tc.columns());
        if (index == null) {
            return constraint;
        }
        List<Piece.Placement> steps = new ArrayList<>();
        steps.add(index);
        steps.addAll(constraint.steps());
        return Piece.rewritten(steps, constraint.why() + " The referencing columns (" + String.join(", ", tc.columns())
                + ") had no index: one is built first, concurrently, so that deletes and key updates of the "
                + "referenced rows do not scan " + table.display() + ". It is an addition the original did not have.");
    }

    /** A foreign key already added NOT VALID stays as written; its referencing columns get an index first if they lack one. */
    private static Piece indexForNotValidForeignKey(Unit unit, PlanAssembly plan, QualifiedName table,
                                                   TableConstraint tc, String text) {
        Piece.Placement index = missingIndex(unit, plan, table, tc.columns());
        if (index == null) {
            return null;
        }
        RawSql kept = new RawSql(plan.id("sql-" + unit.index()), null, "ALTER TABLE " + table.quoted() + " " + text,
                null, null);
        return Piece.rewritten(List.of(index, b -> b.add(Phase.EXPAND, unit.tables(), kept, true)),
                "The foreign key's referencing columns (" + String.join(", ", tc.columns()) + ") have no index: "
                        + "every delete or key update of the referenced table would scan " + table.display()
                        + ". An index is built first, concurrently; it is an addition the original did not have.");
    }

    /**
     * A concurrent build of an index on the referencing columns when no index known to exist leads with them
     * (as lint's PW124 judges: on a table no schema described, none is known).
     */
    private static Piece.Placement missingIndex(Unit unit, PlanAssembly plan, QualifiedName table, List<String> columns) {
        Optional<Relation> r = unit.relation(table);
        boolean indexed = r.isPresent() && unit.schema().indexesOn(r.get()).stream()
                .anyMatch(i -> i.valid() && i.leadsWith(columns));
        if (indexed) {
            return null;
        }
        String name = PgNames.index(unit.schema(), table, columns);
        CreateIndex step = new CreateIndex(plan.id("create-index-" + name), null, table.display(), name, columns, false,
                null, null);
        return b -> b.add(Phase.EXPAND, unit.tables(), step, true);
    }

    /** The constraint's text after its CONSTRAINT name, from FOREIGN KEY on; null when it cannot be cut out. */
    private static String withoutName(Unit unit, String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        int at = lower.indexOf("foreign");
        return at < 0 ? null : text.substring(at);
    }

    private static Piece notValidThenValidate(Unit unit, PlanAssembly plan, QualifiedName table, String name,
                                              String definition, String what) {
        String t = table.display();
        String add = "ALTER TABLE " + table.quoted() + " ADD CONSTRAINT " + Identifiers.quote(name) + " " + definition
                + " NOT VALID";
        RawSql addStep = new RawSql(plan.id("add-constraint-" + name), "add " + what + " " + name + " on " + t
                + " (NOT VALID)", add, "ALTER TABLE " + table.quoted() + " DROP CONSTRAINT IF EXISTS "
                + Identifiers.quote(name), null);
        ValidateConstraint validate = new ValidateConstraint(plan.id("validate-" + name), null, t, name);
        Set<String> tables = unit.tables();
        return Piece.rewritten(List.of(b -> b.add(Phase.EXPAND, tables, addStep, true),
                b -> plan.deferToEnd(validate, b)),
                "Adding " + what + " validates every row under " + Risk.of(unit, table) + ". It is added NOT VALID "
                        + "(new rows are checked at once; a brief lock), and VALIDATE CONSTRAINT checks the existing "
                        + "rows later under SHARE UPDATE EXCLUSIVE, which lets reads and writes go on.");
    }

    private static Piece unique(Unit unit, PlanAssembly plan, QualifiedName table, TableConstraint tc, String text) {
        if (has(text, "include") || has(text, "nulls") || has(text, "with") || has(text, "using")) {
            return null;
        }
        String name = tc.name() != null ? tc.name() : PgNames.constraint(unit.schema(), table, tc.columns(), "key");
        AddUniqueConstraint step = new AddUniqueConstraint(plan.id("add-unique-" + name), null, table.display(), name,
                tc.columns());
        return Piece.rewritten(List.of(b -> b.add(Phase.EXPAND, unit.tables(), step, true)),
                "Adding a unique constraint builds its index under " + Risk.of(unit, table) + ". The unique index "
                        + name + " is built CONCURRENTLY (writes go on), then attached as the constraint, a "
                        + "metadata-only change.");
    }

    private static Piece primaryKey(Unit unit, PlanAssembly plan, QualifiedName table, TableConstraint tc,
                                    String text) {
        if (has(text, "include") || has(text, "with") || has(text, "using")) {
            return null;
        }
        String t = table.display();
        String name = tc.name() != null ? tc.name() : PgNames.constraint(unit.schema(), table, List.of(), "pkey");
        Set<String> tables = unit.tables();
        List<Piece.Placement> steps = new ArrayList<>();
        CreateIndex index = new CreateIndex(plan.id("create-index-" + name), null, t, name, tc.columns(), true, null,
                null);
        steps.add(b -> b.add(Phase.EXPAND, tables, index, true));
        Optional<Relation> r = unit.relation(table);
        for (String column : tc.columns()) {
            boolean notNull = r.flatMap(rel -> rel.column(column)).map(Column::notNull).orElse(false);
            if (!notNull) {
                SetNotNull step = new SetNotNull(plan.id("set-not-null-" + t + "-" + column), null, t, column, null);
                steps.add(b -> plan.deferToEnd(step, b));
            }
        }
        RawSql attach = new RawSql(plan.id("add-primary-key-" + name), "attach " + name + " as the primary key of " + t,
                "ALTER TABLE " + table.quoted() + " ADD CONSTRAINT " + Identifiers.quote(name)
                        + " PRIMARY KEY USING INDEX " + Identifiers.quote(name),
                "ALTER TABLE " + table.quoted() + " DROP CONSTRAINT IF EXISTS " + Identifiers.quote(name), null);
        steps.add(b -> plan.deferToEnd(attach, b));
        return Piece.rewritten(steps, "Adding a primary key builds its index (and checks NOT NULL) under "
                + Risk.of(unit, table) + ". The unique index " + name + " is built CONCURRENTLY, its columns are made "
                + "NOT NULL through validated checks, and it is attached as the primary key at the end.");
    }

    // ---------------------------------------------------------------- DETACH PARTITION

    private static Piece detach(Unit unit, PlanAssembly plan, QualifiedName table, AlterAction.DetachPartition d) {
        if (d.concurrently() || d.finalizeDetach() || !unit.version().atLeast(14)) {
            return null;
        }
        Optional<Relation> parent = unit.relation(table);
        if (parent.isPresent() && unit.schema().defaultPartitionOf(parent.get()).isPresent()) {
            return null; // PostgreSQL refuses DETACH CONCURRENTLY when the table has a default partition
        }
        String sql = "ALTER TABLE " + table.quoted() + " DETACH PARTITION " + d.partition().quoted() + " CONCURRENTLY";
        RawSql step = new RawSql(plan.id("detach-" + d.partition().display()), "detach " + d.partition().display()
                + " from " + table.display() + " concurrently", sql, null, null);
        return Piece.rewritten(List.of(b -> b.add(Phase.EXPAND, unit.tables(), step, true)),
                "DETACH PARTITION takes " + Risk.of(unit, table) + ". DETACH PARTITION ... CONCURRENTLY (PostgreSQL "
                        + "14+) takes only SHARE UPDATE EXCLUSIVE on the parent; it runs outside a transaction. PostgreSQL leaves "
                        + "the former partition bound on the detached table as a CHECK constraint, an addition the "
                        + "original does not make.");
    }

    // ---------------------------------------------------------------- helpers

    private static List<String> checkColumns(Unit unit, QualifiedName table, TableConstraint tc) {
        Optional<Relation> r = unit.relation(table);
        Set<String> columns = new LinkedHashSet<>();
        for (Token t : tc.check().tokens()) {
            if (t.isIdentifier() && r.isPresent() && r.get().column(t.text()).isPresent()) {
                columns.add(t.text());
            }
        }
        return columns.size() == 1 ? List.copyOf(columns) : List.of();
    }

    private static boolean has(String text, String word) {
        return text.toLowerCase(Locale.ROOT).matches("(?s).*\\b" + word + "\\b.*");
    }
}
