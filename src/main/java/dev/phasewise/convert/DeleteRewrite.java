package dev.phasewise.convert;

import dev.phasewise.analysis.rules.UnbatchedUpdate;
import dev.phasewise.analysis.schema.Volatility;
import dev.phasewise.analysis.sql.Command;
import dev.phasewise.plan.Phase;
import dev.phasewise.plan.steps.Backfill;
import dev.phasewise.plan.steps.BatchedDelete;

import java.util.Optional;

/**
 * A DELETE that reads all of a table that existed before the migration (the lint's unbatched finding)
 * becomes a batched delete with the same WHERE, in keyset batches over the primary key, each batch its
 * own short transaction. A DELETE that finds its rows by an index (by id, say) is no risk and is kept.
 */
final class DeleteRewrite implements Rewrite {

    @Override
    public boolean convert(Unit unit, PlanAssembly plan) {
        if (!(unit.command() instanceof Command.Delete d) || !unit.existing(d.table()) || d.alias() != null || d.only()
                || !d.reads().refs().stream().allMatch(r -> r.name().sameAs(d.table()))
                || hasWord(unit, "using") || hasWord(unit, "returning")) {
            return false; // USING, aliases, sub-selects of other tables and RETURNING stay as written
        }
        if (unit.analysis().findings().stream().noneMatch(f -> f.rule().id().equals(UnbatchedUpdate.META.id()))) {
            return false; // it does not read the whole table: one statement is fine
        }
        if (d.where() != null && Volatility.isVolatile(d.where(), unit.schema())) {
            return false; // random(): which rows it deletes cannot be repeated, nor verified afterwards
        }
        Optional<String> key = Keys.of(unit, d.table());
        if (key.isEmpty()) {
            return false;
        }
        String t = d.table().display();
        String where = d.where() == null ? null : d.where().text();
        Became became = new Became(plan, unit);
        BatchedDelete delete = new BatchedDelete(plan.id("batched-delete-" + t), null, t, key.get(), where, null, null,
                null);
        became.add(Phase.BACKFILL, unit.tables(), delete, true);
        became.account(Outcome.REWRITTEN, "As one statement, this DELETE holds a row lock on every row it deletes "
                + "until it commits (" + Risk.of(unit, d.table()) + "), blocking the application's writes of those "
                + "rows, and leaves them all dead at once (bloat, one burst of WAL for the replicas). It becomes a "
                + "batched delete with the same WHERE" + (where == null ? " (none: every row)" : "") + ", in keyset "
                + "batches of about " + Backfill.DEFAULT_BATCH_ROWS + " keys over " + key.get()
                + (Keys.assumed(unit, d.table()) ? " (assumed: give --schema or --url to use the real key)" : "")
                + ", each batch its own short transaction, resumable after a crash. Unlike the one statement, a "
                + "batch that fails (a foreign key that refuses) stops it with the earlier batches' rows already "
                + "deleted.");
        return true;
    }

    private static boolean hasWord(Unit unit, String word) {
        return unit.tokens().stream().anyMatch(t -> t.isWord(word));
    }
}
