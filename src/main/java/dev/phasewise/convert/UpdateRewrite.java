package dev.phasewise.convert;

import dev.phasewise.analysis.cost.TableEffect;
import dev.phasewise.analysis.parse.Token;
import dev.phasewise.analysis.sql.Command;
import dev.phasewise.analysis.sql.Identifiers;
import dev.phasewise.plan.Phase;
import dev.phasewise.plan.steps.Backfill;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * An UPDATE of a table that existed before the migration becomes a backfill: the same SET and WHERE,
 * in keyset batches over the primary key, each batch its own short transaction. An UPDATE that fills
 * a column the plan just added joins that column's backfill instead of being a second one.
 */
final class UpdateRewrite implements Rewrite {

    @Override
    public boolean convert(Unit unit, PlanAssembly plan) {
        if (!(unit.command() instanceof Command.Update u) || !unit.existing(u.table()) || u.alias() != null
                || u.only() || !u.reads().refs().stream().allMatch(r -> r.name().sameAs(u.table()))) {
            return false; // UPDATE ... FROM, aliases and sub-selects of other tables stay as written
        }
        if (!unit.effectOn(u.table()).map(TableEffect::scan).orElse(false)) {
            return false; // it reaches only a few rows by an index (the lock analysis says no scan): safe as written
        }
        Optional<String> set = setClause(unit);
        Optional<String> key = Keys.of(unit, u.table());
        if (set.isEmpty() || key.isEmpty() || u.setColumns().contains(key.get()) || returns(unit)) {
            return false;
        }
        String t = u.table().display();
        String where = u.where() == null ? null : u.where().text();
        Became became = new Became(plan, unit);
        if (u.setColumns().size() == 1) {
            String column = u.setColumns().get(0);
            Optional<Backfill> existing = plan.columnFill(t, column);
            if (existing.isPresent() && where == null) {
                Backfill b = existing.get();
                Backfill merged = new Backfill(b.id(), null, t, b.key(), set.get(), b.where(), b.batchRows(),
                        b.batchMs(), b.sleepMs());
                plan.replaceColumnFill(t, column, merged);
                became.note("backfill " + b.id() + " (the column's own backfill) now sets " + set.get());
                became.account(Outcome.MERGED, "This UPDATE fills " + column + ", which the plan already backfills: "
                        + "its SET replaces that backfill's, so the rows are written once.");
                return true;
            }
            if (plan.isEmptyColumn(t, column)) {
                String guard = Identifiers.quote(column) + " IS NULL";
                Backfill fill = new Backfill(plan.id("backfill-" + t + "-" + column), null, t, key.get(), set.get(),
                        where == null ? guard : "(" + where + ") AND " + guard, null, null, null);
                became.add(Phase.BACKFILL, unit.tables(), fill, true);
                plan.fillsColumn(t, column);
                plan.gateBefore(Phase.CONTRACT, Gates.backfillDone(t, column));
                became.account(Outcome.REWRITTEN, "This UPDATE fills " + column + ", added empty by the plan; as one "
                        + "statement it would hold a row lock on every row of " + t + Risk.size(unit, u.table())
                        + " until it commits. "
                        + "It becomes " + column + "'s backfill in keyset batches over " + key.get() + "; rows the "
                        + "deployed application already wrote keep their value (" + guard + ").");
                return true;
            }
        }
        String filter = where;
        if (where != null) {
            // a backfill's WHERE says which rows still need it, and its verification checks that none is left
            Optional<String> differs = stillDiffers(unit, u.setColumns());
            if (differs.isEmpty()) {
                return false;
            }
            filter = "(" + where + ") AND " + differs.get();
        }
        Backfill fill = new Backfill(plan.id("backfill-" + t), null, t, key.get(), set.get(), filter, null, null, null);
        became.add(Phase.BACKFILL, unit.tables(), fill, true);
        became.account(Outcome.REWRITTEN, "As one statement, this UPDATE of " + t + Risk.size(unit, u.table())
                + " holds a row lock on every row it changes until it commits, blocking the application's writes of "
                + "those rows, and leaves all the dead rows at once. It becomes a backfill with the same SET and WHERE"
                + (where == null ? "" : " (and only the rows whose columns still differ from what the SET gives them, "
                + "so that it can be verified)") + ", in keyset batches over " + key.get() + (Keys.assumed(unit, u.table()) ? " (assumed: give --schema or --url to use the real key)"
                : "") + ", each batch its own short transaction, resumable after a crash.");
        return true;
    }

    /** The SET list's text, from after SET to before FROM / WHERE / RETURNING at the top level. */
    static Optional<String> setClause(Unit unit) {
        int[] range = setRange(unit);
        return range == null ? Optional.empty() : Optional.of(unit.text(range[0], range[1] - 1));
    }

    /** The SET list's tokens [from, to), or null when there is none or the UPDATE has a FROM. */
    private static int[] setRange(Unit unit) {
        List<Token> t = unit.tokens();
        int depth = 0;
        int start = -1;
        for (int i = 0; i < t.size(); i++) {
            Token tok = t.get(i);
            if (tok.isSymbol("(") || tok.isSymbol("[")) {
                depth++;
            } else if (tok.isSymbol(")") || tok.isSymbol("]")) {
                depth--;
            } else if (depth == 0 && start < 0 && tok.isWord("set")) {
                start = i + 1;
            } else if (depth == 0 && start >= 0 && (tok.isWord("from") || tok.isWord("where")
                    || tok.isWord("returning"))) {
                return tok.isWord("from") || i == start ? null : new int[] {start, i};
            }
        }
        return start < 0 || start >= t.size() ? null : new int[] {start, t.size()};
    }

    /**
     * "Rows that still need it", for a backfill whose WHERE stays true once a row is updated: the
     * columns still differ from what the SET gives them. Empty when that cannot be said: an assignment
     * that is not {@code column = expression}, or an expression that reads a column the SET writes
     * ({@code n = n + 1} never stops differing).
     */
    static Optional<String> stillDiffers(Unit unit, List<String> setColumns) {
        int[] range = setRange(unit);
        if (range == null) {
            return Optional.empty();
        }
        List<Token> t = unit.tokens();
        List<String> columns = new ArrayList<>();
        List<String> values = new ArrayList<>();
        for (int[] item : CommaList.items(t, range[0], range[1])) {
            int first = item[0];
            if (item[1] - first < 2 || !t.get(first).isIdentifier() || !t.get(first + 1).isSymbol("=")) {
                return Optional.empty();
            }
            for (int k = first + 2; k <= item[1]; k++) {
                if (t.get(k).isIdentifier() && setColumns.contains(t.get(k).text())) {
                    return Optional.empty();
                }
            }
            columns.add(Identifiers.quote(t.get(first).text()));
            values.add(unit.text(first + 2, item[1]));
        }
        return Optional.of(columns.size() == 1 ? columns.get(0) + " IS DISTINCT FROM (" + values.get(0) + ")"
                : "ROW(" + String.join(", ", columns) + ") IS DISTINCT FROM ROW(" + String.join(", ", values) + ")");
    }

    private static boolean returns(Unit unit) {
        return unit.tokens().stream().anyMatch(t -> t.isWord("returning"));
    }
}
