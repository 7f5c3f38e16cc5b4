package dev.phasewise.db.explain;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The plan as indented text, like psql's but compact: one line per node (name, relation or
 * index, estimated rows, cost; actual rows and loops, and with timings the time, when analysed),
 * its conditions below it, then its warnings. Warnings about the whole statement and the
 * triggers follow the tree. Without timings the text is deterministic for a given plan.
 */
public final class ExplainText {
    private ExplainText() {
    }

    public static String render(ExplainResult result, List<ExplainWarning> warnings, boolean timings) {
        StringBuilder out = new StringBuilder();
        if (!result.explainable()) {
            return out.append(result.notExplainable()).append('\n').toString();
        }
        if (!result.parameters().isEmpty()) {
            List<String> ps = new ArrayList<>();
            for (int i = 0; i < result.parameters().size(); i++) {
                ps.add("$" + (i + 1) + " = " + result.parameters().get(i));
            }
            out.append("Parameters: ").append(String.join(", ", ps)).append('\n');
        } else if (result.genericPlan()) {
            out.append("Generic plan (no parameter values)\n");
        }
        node(result.root(), 0, warnings, timings, out);
        for (ExplainWarning w : warnings) {
            if (w.nodeId() == null) {
                warning(w, "", out);
            }
        }
        if (!result.triggers().isEmpty()) {
            for (TriggerStat t : result.triggers()) {
                out.append("Trigger ").append(t.name()).append(" on ").append(t.relation()).append(": calls=")
                        .append(t.calls());
                if (timings) {
                    out.append(String.format(Locale.ROOT, " time=%.3f ms", t.timeMs()));
                }
                out.append('\n');
            }
        }
        if (timings && result.planningMs() != null) {
            out.append(String.format(Locale.ROOT, "Planning Time: %.3f ms%n", result.planningMs()));
        }
        if (timings && result.executionMs() != null) {
            out.append(String.format(Locale.ROOT, "Execution Time: %.3f ms%n", result.executionMs()));
        }
        if (result.analyzed()) {
            out.append("(analysed in a transaction that was rolled back)\n");
        }
        return out.toString();
    }

    private static void node(PlanNode n, int depth, List<ExplainWarning> warnings, boolean timings,
                             StringBuilder out) {
        String indent = depth == 0 ? "" : "  " + "      ".repeat(depth - 1);
        String detail = depth == 0 ? "  " : indent + "      ";
        if (n.subplanName() != null && depth > 0) {
            out.append(indent).append("  ").append(n.subplanName()).append('\n');
        }
        out.append(depth == 0 ? "" : indent + "->  ").append(title(n));
        out.append(String.format(Locale.ROOT, "  (rows=%.0f cost=%.2f..%.2f)", n.planRows(), n.startupCost(),
                n.totalCost()));
        if (n.analysed()) {
            if (n.actualLoops() == 0) {
                out.append(" (never executed)");
            } else {
                out.append(" (actual");
                if (timings && n.actualTotalTime() != null) {
                    out.append(String.format(Locale.ROOT, " time=%.3f..%.3f", n.actualStartupTime(),
                            n.actualTotalTime()));
                }
                out.append(String.format(Locale.ROOT, " rows=%.0f loops=%.0f)", n.actualRows(), n.actualLoops()));
            }
        }
        out.append('\n');
        line(detail, "Index Cond", n.indexCond(), out);
        line(detail, "Recheck Cond", n.recheckCond(), out);
        line(detail, "Hash Cond", n.hashCond(), out);
        line(detail, "Merge Cond", n.mergeCond(), out);
        line(detail, "Join Filter", n.joinFilter(), out);
        line(detail, "Filter", n.filter(), out);
        if (n.rowsRemovedByFilter() != null && n.rowsRemovedByFilter() > 0) {
            line(detail, "Rows Removed by Filter", String.valueOf(n.rowsRemovedByFilter()), out);
        }
        if (!n.sortKey().isEmpty()) {
            line(detail, "Sort Key", String.join(", ", n.sortKey()), out);
        }
        if (n.sortMethod() != null) {
            line(detail, "Sort Method", n.sortMethod() + (n.sortSpaceUsedKb() == null ? ""
                    : "  " + n.sortSpaceType() + ": " + n.sortSpaceUsedKb() + "kB"), out);
        }
        if (n.buffers() != null && timings) {
            PlanNode.Buffers b = n.buffers();
            line(detail, "Buffers", "shared hit=" + b.sharedHit() + " read=" + b.sharedRead() + " dirtied="
                    + b.sharedDirtied() + " written=" + b.sharedWritten(), out);
        }
        for (ExplainWarning w : warnings) {
            if (w.nodeId() != null && w.nodeId() == n.id()) {
                warning(w, detail, out);
            }
        }
        for (PlanNode c : n.children()) {
            node(c, depth + 1, warnings, timings, out);
        }
    }

    private static String title(PlanNode n) {
        StringBuilder s = new StringBuilder(n.displayName());
        boolean modify = "ModifyTable".equals(n.nodeType());
        if (n.indexName() != null) {
            if ("Backward".equals(n.scanDirection())) {
                s.append(" Backward");
            }
            s.append(n.relation() != null ? " using " : " on ").append(n.indexName());
        }
        if (n.relation() != null) {
            s.append(" on ").append(n.relation());
            String bare = n.relation().contains(".") ? n.relation().substring(n.relation().indexOf('.') + 1)
                    : n.relation();
            if (n.alias() != null && !n.alias().equals(bare) && !modify) {
                s.append(' ').append(n.alias());
            }
        } else if (n.cteName() != null) {
            s.append(" on ").append(n.cteName());
        }
        return s.toString();
    }

    private static void line(String indent, String label, String value, StringBuilder out) {
        if (value != null) {
            out.append(indent).append(label).append(": ").append(value).append('\n');
        }
    }

    private static void warning(ExplainWarning w, String indent, StringBuilder out) {
        out.append(indent).append("! ").append(w.code()).append(": ").append(w.message()).append('\n');
        out.append(indent).append("  fix: ").append(w.fix()).append('\n');
    }
}
