package dev.phasewise.db.explain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads the output of {@code EXPLAIN (FORMAT JSON)} into the immutable {@link PlanNode} model. */
final class PlanJson {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private PlanJson() {
    }

    /** The parts of one EXPLAIN output other than the reltuples the Explainer adds. */
    record Parsed(PlanNode root, Double planningMs, Double executionMs, List<TriggerStat> triggers,
                  Map<String, String> settings) {
    }

    static Parsed parse(String json) {
        JsonNode top;
        try {
            top = MAPPER.readTree(json);
        } catch (IOException e) {
            throw new IllegalArgumentException("EXPLAIN output is not JSON: " + e.getMessage(), e);
        }
        JsonNode doc = top.isArray() ? top.get(0) : top;
        int[] ids = {0};
        PlanNode root = node(doc.get("Plan"), ids);
        List<TriggerStat> triggers = new ArrayList<>();
        for (JsonNode t : iterable(doc.get("Triggers"))) {
            triggers.add(new TriggerStat(text(t, "Trigger Name"), text(t, "Constraint Name"), text(t, "Relation"),
                    dbl(t, "Time") == null ? 0 : dbl(t, "Time"), lng(t, "Calls") == null ? 0 : lng(t, "Calls")));
        }
        Map<String, String> settings = new LinkedHashMap<>();
        JsonNode s = doc.get("Settings");
        if (s != null && s.isObject()) {
            s.properties().forEach(e -> settings.put(e.getKey(), e.getValue().asText()));
        }
        return new Parsed(root, dbl(doc, "Planning Time"), dbl(doc, "Execution Time"), triggers, settings);
    }

    private static PlanNode node(JsonNode n, int[] ids) {
        int id = ids[0]++;
        String relation = text(n, "Relation Name");
        String schema = text(n, "Schema");
        if (relation != null && schema != null && !schema.equals("public")) {
            relation = schema + "." + relation;
        }
        PlanNode.Buffers buffers = null;
        if (n.has("Shared Hit Blocks")) {
            buffers = new PlanNode.Buffers(lng0(n, "Shared Hit Blocks"), lng0(n, "Shared Read Blocks"),
                    lng0(n, "Shared Dirtied Blocks"), lng0(n, "Shared Written Blocks"), lng0(n, "Temp Read Blocks"),
                    lng0(n, "Temp Written Blocks"));
        }
        List<String> sortKey = new ArrayList<>();
        for (JsonNode k : iterable(n.get("Sort Key"))) {
            sortKey.add(k.asText());
        }
        List<PlanNode> children = new ArrayList<>();
        for (JsonNode c : iterable(n.get("Plans"))) {
            children.add(node(c, ids));
        }
        return new PlanNode(id, text(n, "Node Type"), text(n, "Operation"), text(n, "Strategy"), relation,
                text(n, "Alias"), text(n, "Index Name"), text(n, "Scan Direction"), text(n, "Join Type"),
                text(n, "Parent Relationship"), text(n, "Subplan Name"), text(n, "CTE Name"),
                dbl0(n, "Startup Cost"), dbl0(n, "Total Cost"), dbl0(n, "Plan Rows"), (int) lng0(n, "Plan Width"),
                dbl(n, "Actual Startup Time"), dbl(n, "Actual Total Time"), dbl(n, "Actual Rows"),
                dbl(n, "Actual Loops"), buffers, text(n, "Filter"), text(n, "Index Cond"), text(n, "Recheck Cond"),
                text(n, "Hash Cond"), text(n, "Merge Cond"), text(n, "Join Filter"), lng(n, "Rows Removed by Filter"),
                lng(n, "Rows Removed by Index Recheck"), sortKey, text(n, "Sort Method"), text(n, "Sort Space Type"),
                lng(n, "Sort Space Used"), children);
    }

    private static Iterable<JsonNode> iterable(JsonNode n) {
        return n == null || !n.isArray() ? List.of() : n;
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static Double dbl(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asDouble();
    }

    private static double dbl0(JsonNode n, String field) {
        Double d = dbl(n, field);
        return d == null ? 0 : d;
    }

    private static Long lng(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asLong();
    }

    private static long lng0(JsonNode n, String field) {
        Long l = lng(n, field);
        return l == null ? 0 : l;
    }
}
