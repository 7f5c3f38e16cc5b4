package dev.phasewise.db.explain;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * One node of a PostgreSQL plan, as {@code EXPLAIN (FORMAT JSON)} reports it. Immutable; the
 * fields PostgreSQL leaves out for a node (or a mode) are null. Actual figures are present only
 * when the plan was analysed; {@code actualRows} is the average per loop, as PostgreSQL reports it.
 *
 * @param id              pre-order position in the tree (0 is the root), to refer to the node
 * @param nodeType        "Seq Scan", "Index Scan", "Nested Loop", "ModifyTable", ...
 * @param operation       for ModifyTable: Insert, Update, Delete, Merge
 * @param strategy        for Aggregate / SetOp: Plain, Sorted, Hashed, Mixed
 * @param relation        the scanned or modified table, {@code schema.name} unless in {@code public}
 * @param parentRelationship Outer, Inner, SubPlan, InitPlan, Member, ...
 * @param subplanName     "SubPlan 1", "CTE x", ...
 * @param sortMethod      analysed sorts: "quicksort", "top-N heapsort", "external merge", ...
 * @param sortSpaceType   analysed sorts: Memory or Disk
 */
public record PlanNode(int id, String nodeType, String operation, String strategy, String relation, String alias,
                       String indexName, String scanDirection, String joinType, String parentRelationship,
                       String subplanName, String cteName,
                       double startupCost, double totalCost, double planRows, int planWidth,
                       Double actualStartupTime, Double actualTotalTime, Double actualRows, Double actualLoops,
                       Buffers buffers, String filter, String indexCond, String recheckCond, String hashCond,
                       String mergeCond, String joinFilter, Long rowsRemovedByFilter,
                       Long rowsRemovedByIndexRecheck, List<String> sortKey, String sortMethod,
                       String sortSpaceType, Long sortSpaceUsedKb, List<PlanNode> children) {

    public PlanNode {
        sortKey = sortKey == null ? List.of() : List.copyOf(sortKey);
        children = children == null ? List.of() : List.copyOf(children);
    }

    /** Shared buffer counts of an analysed node (with BUFFERS). */
    public record Buffers(long sharedHit, long sharedRead, long sharedDirtied, long sharedWritten,
                          long tempRead, long tempWritten) {
    }

    public boolean analysed() {
        return actualLoops != null;
    }

    /** The name psql prints: "Update" for a ModifyTable, "HashAggregate" for a hashed Aggregate, ... */
    public String displayName() {
        if ("ModifyTable".equals(nodeType) && operation != null) {
            return operation;
        }
        if ("Aggregate".equals(nodeType) && strategy != null) {
            return switch (strategy) {
                case "Hashed" -> "HashAggregate";
                case "Sorted" -> "GroupAggregate";
                case "Mixed" -> "MixedAggregate";
                default -> "Aggregate";
            };
        }
        if (joinType != null && !"Inner".equals(joinType)) {
            if ("Nested Loop".equals(nodeType)) {
                return "Nested Loop " + joinType + " Join";
            }
            if (nodeType.endsWith(" Join")) {
                return nodeType.substring(0, nodeType.length() - " Join".length()) + " " + joinType + " Join";
            }
        }
        return nodeType;
    }

    public boolean scansTable() {
        return relation != null && !"ModifyTable".equals(nodeType);
    }

    /** This node and all below it, in pre-order. */
    public List<PlanNode> flatten() {
        List<PlanNode> out = new ArrayList<>();
        walk(out::add);
        return out;
    }

    public void walk(Consumer<PlanNode> visitor) {
        visitor.accept(this);
        for (PlanNode c : children) {
            c.walk(visitor);
        }
    }
}
