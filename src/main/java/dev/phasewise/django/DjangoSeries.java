package dev.phasewise.django;

import dev.phasewise.plan.Gate;
import dev.phasewise.plan.Phase;
import dev.phasewise.plan.Plan;
import dev.phasewise.plan.sql.Action;
import dev.phasewise.plan.sql.Rollback;
import dev.phasewise.plan.sql.Sql;
import dev.phasewise.plan.steps.BatchedStep;
import dev.phasewise.plan.steps.Step;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A phased plan as a series of Django migrations, with the transactions the plan's runner uses:
 * each phase becomes one migration, split where Django's transaction must change
 * ({@link #sharesATransaction}): steps of one transactional statement share an atomic migration; the
 * others go to a migration with {@code atomic = False}, where Django commits each statement on its
 * own, as the runner does. Every migration sets the plan's
 * {@code lock_timeout} first, so that a lock it cannot get soon fails the migration instead of
 * queueing the application behind it ({@code SET LOCAL} in a transaction, {@code SET} ... {@code RESET}
 * outside one, where a session setting would outlive the migration).
 */
public final class DjangoSeries {
    private DjangoSeries() {
    }

    /** The migrations that replace {@code original}, named {@code <original>_<n>_<phase>}, in the order they run. */
    public static List<SeriesMigration> of(Plan plan, String original) {
        return of(plan, original, false);
    }

    /**
     * The same, with the original's {@code RunPython} operations ({@code withCode}) in an atomic migration
     * of their own between the expand phase and the backfills: the columns they fill exist by then, and
     * the NOT NULL that may follow them comes after.
     */
    public static List<SeriesMigration> of(Plan plan, String original, boolean withCode) {
        List<Group> groups = new ArrayList<>();
        for (Phase phase : Phase.inOrder()) {
            if (withCode && phase == Phase.BACKFILL) {
                Group code = new Group(Phase.BACKFILL, true);
                code.code = true;
                groups.add(code);
            }
            Group current = null;
            for (Step step : plan.phase(phase).steps()) {
                boolean atomic = sharesATransaction(step);
                if (current == null || current.atomic != atomic) {
                    current = new Group(phase, atomic);
                    groups.add(current);
                }
                current.steps.add(step);
            }
            if (current != null) {
                current.gate = plan.phase(phase).gate();
            }
        }
        List<SeriesMigration> out = new ArrayList<>();
        for (int i = 0; i < groups.size(); i++) {
            Group g = groups.get(i);
            Gate gate = g.gate;
            out.add(new SeriesMigration(original + "_" + (i + 1) + "_" + g.phase.label(), g.phase, g.atomic,
                    operations(plan, g), gate == null ? null : gate.name(), gate == null ? List.of() : gate.checklist(),
                    i == groups.size() - 1));
        }
        return out;
    }

    /**
     * A step of one transactional statement can share a transaction with its neighbours: together they are
     * all-or-nothing, and a lock timeout rolls the migration back whole, so it can simply be rerun. A step of
     * several statements gave each its own transaction on purpose (a CHECK validated after the short
     * transaction that added it NOT VALID, as the plan's runner does), and a batched step commits per
     * batch: they run outside one, each statement committed on its own.
     */
    static boolean sharesATransaction(Step step) {
        return !(step instanceof BatchedStep) && step.forward().size() == 1 && step.forward().get(0).transactional();
    }

    private static List<SeriesOperation> operations(Plan plan, Group g) {
        if (g.code) {
            return List.of(new SeriesOperation.OriginalCode("the original migration's RunPython, as it was written"));
        }
        List<SeriesOperation> ops = new ArrayList<>();
        String timeout = null;
        for (Step step : g.steps) {
            String wanted = plan.lockTimeoutFor(step);
            if (!wanted.equals(timeout)) {
                timeout = wanted;
                String set = (g.atomic ? "SET LOCAL" : "SET") + " lock_timeout = " + Sql.literal(wanted);
                // outside a transaction the setting is the session's: undone at the end (RESET), and the reverse
                // migration, which runs the operations backwards, sets it first and resets it last as well
                ops.add(new SeriesOperation.RunSql("wait at most " + wanted + " for a lock, then fail (rerun the migration)",
                        List.of(set), g.atomic ? List.of() : List.of("RESET lock_timeout"), null));
            }
            ops.add(step instanceof BatchedStep b ? batches(b) : runSql(step));
        }
        if (!g.atomic && timeout != null) {
            ops.add(new SeriesOperation.RunSql("the session's own lock_timeout again", List.of("RESET lock_timeout"),
                    List.of("SET lock_timeout = " + Sql.literal(timeout)), null));
        }
        return ops;
    }

    private static SeriesOperation.RunSql runSql(Step step) {
        Rollback rollback = step.rollback();
        return new SeriesOperation.RunSql(step.title(), step.forward().stream().map(Action::sql).toList(),
                rollback.reversible() ? rollback.actions().stream().map(Action::sql).toList() : null,
                rollback.irreversibleBecause());
    }

    /** Keyset batches over the step's key, the bounds bound by psycopg2 (hence every literal % doubled). */
    static SeriesOperation.Batches batches(BatchedStep b) {
        String k = Sql.id(b.keyColumn());
        String t = Sql.table(b.table());
        String marker = "\u0000range\u0000";
        String batch = b.batchSqlOver(marker).replace("%", "%%")
                .replace(marker, k + " >= %(lower)s AND (%(upper)s IS NULL OR " + k + " < %(upper)s)");
        return new SeriesOperation.Batches(b.title(), pythonName(b.id()), "SELECT " + k + " FROM " + t + " ORDER BY " + k
                + " LIMIT 1", "SELECT " + k + " FROM " + t + " WHERE " + k + " >= %(lower)s ORDER BY " + k
                + " OFFSET %(rows)s LIMIT 1", batch, b.rowsPerBatch(), b.where() == null
                ? "Rerunning it after an interruption runs every batch again, the ones done included."
                : "Rerunning it after an interruption is safe: a batch changes only rows that still need it.");
    }

    /** A step id ({@code backfill-articles_article-summary}) as a Python function name. */
    static String pythonName(String id) {
        String name = id.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]+", "_").replaceAll("_+", "_");
        return Character.isDigit(name.charAt(0)) ? "run_" + name : name;
    }

    private static final class Group {
        final Phase phase;
        final boolean atomic;
        final List<Step> steps = new ArrayList<>();
        Gate gate;
        boolean code;

        Group(Phase phase, boolean atomic) {
            this.phase = phase;
            this.atomic = atomic;
        }
    }
}
