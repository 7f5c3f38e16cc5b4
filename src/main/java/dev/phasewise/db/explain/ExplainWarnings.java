package dev.phasewise.db.explain;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The warnings of a plan that matter to a migration. Each is a pure function of the plan, the
 * tables' {@code reltuples} the {@link Explainer} read, and the {@link Thresholds}:
 *
 * <ul>
 *   <li>{@code seq-scan-large-table}: an UPDATE, DELETE or MERGE (or a backfill batch) reads a
 *       table of at least {@code largeTableRows} rows with a Seq Scan. Every batch reads the whole
 *       table.</li>
 *   <li>{@code backfill-key-not-indexed}: a backfill batch's key range is not an Index Cond of the
 *       scan of its table (a Seq Scan, or an index scan on another index with the key only in the
 *       Filter).</li>
 *   <li>{@code nested-loop-large}: a Nested Loop whose outer side is estimated at
 *       {@code nestedLoopOuterRows} rows or more: its inner side runs once for each of them.</li>
 *   <li>{@code sort-spills-to-disk}: an analysed Sort used an external (on-disk) method.</li>
 *   <li>{@code misestimate}: an analysed node's actual rows differ from the estimate by
 *       {@code misestimateFactor} or more (the larger side at least {@code misestimateMinRows});
 *       ModifyTable nodes are left out.</li>
 *   <li>{@code row-triggers}: an analysed statement fired a trigger more than once (once per
 *       row), including the internal triggers that check foreign keys.</li>
 * </ul>
 */
public final class ExplainWarnings {
    /** The limits above; {@link #DEFAULTS} suit staging copies of production tables. */
    public record Thresholds(long largeTableRows, double nestedLoopOuterRows, double misestimateFactor,
                             double misestimateMinRows) {
        public static final Thresholds DEFAULTS = new Thresholds(10_000, 10_000, 10, 100);
    }

    /** The backfill a batch statement belongs to: its table ({@code schema.table} or {@code table}) and key column. */
    public record BackfillKey(String table, String keyColumn) {
    }

    private ExplainWarnings() {
    }

    public static List<ExplainWarning> of(ExplainResult result) {
        return of(result, Thresholds.DEFAULTS, null);
    }

    /** The warnings of the result; {@code backfill} is null unless the statement is a backfill batch. */
    public static List<ExplainWarning> of(ExplainResult result, Thresholds limits, BackfillKey backfill) {
        List<ExplainWarning> out = new ArrayList<>();
        if (!result.explainable()) {
            return out;
        }
        PlanNode root = result.root();
        boolean changesRows = "ModifyTable".equals(root.nodeType()) && root.operation() != null
                && !root.operation().equals("Insert");
        List<PlanNode> nodes = root.flatten();
        for (PlanNode n : nodes) {
            if ((changesRows || backfill != null) && "Seq Scan".equals(n.nodeType())) {
                long rows = tableRows(result, n);
                if (rows >= limits.largeTableRows()) {
                    out.add(new ExplainWarning("seq-scan-large-table", (backfill != null ? "each batch" : "the "
                            + root.operation().toLowerCase(Locale.ROOT)) + " reads all of " + n.relation() + " (~"
                            + rows + " rows) with a Seq Scan",
                            "give the statement a predicate an index serves (the batch key range), or create that "
                                    + "index first (CREATE INDEX CONCURRENTLY)", n.id()));
                }
            }
            nestedLoop(n, limits, out);
            if (n.sortMethod() != null && (n.sortMethod().startsWith("external") || "Disk".equals(n.sortSpaceType()))) {
                out.add(new ExplainWarning("sort-spills-to-disk", "the sort" + sortOf(n) + " spilled to disk ("
                        + n.sortMethod() + (n.sortSpaceUsedKb() == null ? "" : ", " + n.sortSpaceUsedKb() + " kB")
                        + ")", "raise work_mem for this session, make batches smaller, or read in index order",
                        n.id()));
            }
            misestimate(n, limits, out);
        }
        if (backfill != null) {
            keyNotIndexed(root, backfill, out);
        }
        for (TriggerStat t : result.triggers()) {
            if (t.calls() > 1) {
                String what = t.constraintName() != null ? "the check of foreign key " + t.constraintName()
                        + " (trigger " + t.name() + ")" : "trigger " + t.name();
                out.add(new ExplainWarning("row-triggers", what + " on " + t.relation() + " fired " + t.calls()
                        + " times, once per row (" + String.format(Locale.ROOT, "%.1f", t.timeMs()) + " ms)",
                        t.constraintName() != null ? "keep batches small; each row pays the foreign-key check"
                                : "make sure the trigger is needed for the backfill; if not, have it skip "
                                + "(e.g. a session setting it checks) or keep batches small", null));
            }
        }
        return out;
    }

    private static long tableRows(ExplainResult result, PlanNode scan) {
        long estimate = Math.round(scan.planRows()) + (scan.rowsRemovedByFilter() == null ? 0
                : scan.rowsRemovedByFilter());
        Long reltuples = result.tableRows().get(scan.relation());
        return reltuples == null ? estimate : Math.max(reltuples, estimate);
    }

    private static void nestedLoop(PlanNode n, Thresholds limits, List<ExplainWarning> out) {
        if (!"Nested Loop".equals(n.nodeType()) || n.children().size() < 2) {
            return;
        }
        PlanNode outer = n.children().get(0);
        PlanNode inner = n.children().get(1);
        if (outer.planRows() >= limits.nestedLoopOuterRows()) {
            out.add(new ExplainWarning("nested-loop-large", String.format(Locale.ROOT,
                    "a Nested Loop runs its inner side (%s) once for each of ~%.0f outer rows (%s)",
                    describe(inner), outer.planRows(), describe(outer)),
                    "check the join's estimates (ANALYZE the tables) and that the inner side uses an index; "
                            + "smaller batches shrink the outer side", n.id()));
        }
    }

    private static void misestimate(PlanNode n, Thresholds limits, List<ExplainWarning> out) {
        // a ModifyTable returns no rows without RETURNING, whatever its estimate (which is 0 only since 13)
        if (!n.analysed() || n.actualLoops() == 0 || n.actualRows() == null || "ModifyTable".equals(n.nodeType())) {
            return;
        }
        double est = n.planRows();
        double act = n.actualRows();
        double high = Math.max(est, act);
        double low = Math.max(Math.min(est, act), 1);
        if (high >= limits.misestimateMinRows() && high / low >= limits.misestimateFactor()) {
            out.add(new ExplainWarning("misestimate", String.format(Locale.ROOT,
                    "%s estimated %.0f rows but produced %.0f (%.0fx off)", describe(n), est, act, high / low),
                    "ANALYZE " + (n.relation() != null ? n.relation() : "the tables involved")
                            + " on this database, then explain again; rehearsal timings from a misestimated plan "
                            + "do not carry over", n.id()));
        }
    }

    /**
     * The backfill's key range is served when some scan of its table has the key in its Index
     * Cond (for a Bitmap Heap Scan: in a Bitmap Index Scan below it).
     */
    private static void keyNotIndexed(PlanNode root, BackfillKey backfill, List<ExplainWarning> out) {
        String table = backfill.table().startsWith("public.") ? backfill.table().substring(7) : backfill.table();
        Pattern key = Pattern.compile("(^|[^A-Za-z0-9_$\"])\"?" + Pattern.quote(backfill.keyColumn())
                + "\"?([^A-Za-z0-9_$\"]|$)");
        PlanNode firstScan = null;
        for (PlanNode n : root.flatten()) {
            if (!table.equals(n.relation()) || !n.scansTable()) {
                continue;
            }
            if (firstScan == null) {
                firstScan = n;
            }
            for (PlanNode part : n.flatten()) {
                if (part.indexCond() != null && key.matcher(part.indexCond()).find()) {
                    return;
                }
            }
        }
        if (firstScan == null) {
            return;
        }
        String how = "Seq Scan".equals(firstScan.nodeType()) ? "with a Seq Scan"
                : "with " + describe(firstScan) + ", the key only in its filter";
        out.add(new ExplainWarning("backfill-key-not-indexed", "the batch key range on " + table + "."
                + backfill.keyColumn() + " is not served by an index: each batch reads " + table + " " + how,
                "create an index whose first column is " + backfill.keyColumn()
                        + " (CREATE INDEX CONCURRENTLY ... ON " + table + " (" + backfill.keyColumn()
                        + ")), or use the primary key as the backfill key", firstScan.id()));
    }

    private static String sortOf(PlanNode n) {
        return n.sortKey().isEmpty() ? "" : " by " + String.join(", ", n.sortKey());
    }

    static String describe(PlanNode n) {
        StringBuilder s = new StringBuilder(n.displayName());
        String index = n.indexName();
        if (index != null) {
            s.append(n.relation() != null ? " using " : " on ").append(index);
        }
        if (n.relation() != null) {
            s.append(" on ").append(n.relation());
        }
        return s.toString();
    }
}
