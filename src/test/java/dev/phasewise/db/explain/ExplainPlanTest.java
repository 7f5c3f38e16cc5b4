package dev.phasewise.db.explain;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The parts of EXPLAIN that need no server: statement checks, placeholders, JSON parsing, warnings. */
class ExplainPlanTest {
    private static String kind(String sql) {
        return Explainer.utilityKind(Explainer.single(sql).tokens());
    }

    @Test
    void plannableAndUtilityStatements() {
        assertNull(kind("select 1"));
        assertNull(kind("(SELECT 1) UNION (SELECT 2)"));
        assertNull(kind("WITH d AS (DELETE FROM t RETURNING *) SELECT * FROM d"));
        assertNull(kind("VALUES (1)"));
        assertNull(kind("MERGE INTO t USING s ON t.id = s.id WHEN MATCHED THEN DELETE"));
        assertEquals("ALTER TABLE", kind("alter table t add column x int"));
        assertEquals("CREATE INDEX", kind("CREATE INDEX CONCURRENTLY i ON t (x)"));
        assertEquals("SET", kind("SET lock_timeout = '1s'"));
        assertEquals("EXPLAIN", kind("EXPLAIN SELECT 1"));
    }

    @Test
    void exactlyOneStatement() {
        assertEquals("SELECT 1", Explainer.single("  SELECT 1 ;  -- done\n").text());
        assertThrows(IllegalArgumentException.class, () -> Explainer.single("SELECT 1; SELECT 2"));
        assertThrows(IllegalArgumentException.class, () -> Explainer.single("/* only a comment */"));
        assertThrows(IllegalArgumentException.class, () -> Explainer.single("SELECT $$open"));
    }

    @Test
    void parametersBecomeJdbcPlaceholders() {
        String sql = "UPDATE t SET v = '$1 ?' WHERE id > $1 AND id <= $2 AND j ? 'k' -- $3\n";
        assertEquals(List.of(1, 2), Explainer.parameterOrder(sql));
        assertEquals("UPDATE t SET v = '$1 ?' WHERE id > ? AND id <= ? AND j ?? 'k' -- $3\n",
                Explainer.jdbcPlaceholders(sql));
        assertEquals(List.of(2, 1, 2), Explainer.parameterOrder("SELECT $2, $1, $2"));
    }

    private static final String JSON = """
            [{"Plan": {"Node Type": "ModifyTable", "Operation": "Update", "Relation Name": "items", "Schema": "shop",
               "Alias": "items", "Startup Cost": 0.29, "Total Cost": 8.31, "Plan Rows": 0, "Plan Width": 0,
               "Actual Startup Time": 0.1, "Actual Total Time": 0.2, "Actual Rows": 0, "Actual Loops": 1,
               "Shared Hit Blocks": 7, "Shared Read Blocks": 1, "Shared Dirtied Blocks": 2, "Shared Written Blocks": 0,
               "Plans": [{"Node Type": "Sort", "Parent Relationship": "Outer", "Startup Cost": 1, "Total Cost": 2,
                 "Plan Rows": 10, "Plan Width": 4, "Actual Rows": 5000, "Actual Loops": 1,
                 "Sort Key": ["items.code"], "Sort Method": "external merge", "Sort Space Used": 1200,
                 "Sort Space Type": "Disk",
                 "Plans": [{"Node Type": "Seq Scan", "Parent Relationship": "Outer", "Relation Name": "items",
                   "Schema": "shop", "Alias": "i", "Startup Cost": 0, "Total Cost": 1, "Plan Rows": 10,
                   "Plan Width": 4, "Actual Rows": 5000, "Actual Loops": 1, "Filter": "(i.code > 3)",
                   "Rows Removed by Filter": 45000}]}]},
              "Planning Time": 0.5, "Triggers": [{"Trigger Name": "items_touch", "Relation": "items",
               "Time": 3.25, "Calls": 5000}], "Execution Time": 9.5, "Settings": {"work_mem": "64kB"}}]""";

    @Test
    void parsesJsonAndWarns() {
        PlanJson.Parsed p = PlanJson.parse(JSON);
        PlanNode root = p.root();
        assertEquals("Update", root.displayName());
        assertEquals("shop.items", root.relation());
        assertEquals(new PlanNode.Buffers(7, 1, 2, 0, 0, 0), root.buffers());
        PlanNode scan = root.children().get(0).children().get(0);
        assertEquals(2, scan.id());
        assertEquals(45000L, scan.rowsRemovedByFilter());
        assertEquals(0.5, p.planningMs());
        assertEquals(9.5, p.executionMs());
        assertEquals("64kB", p.settings().get("work_mem"));
        ExplainResult r = new ExplainResult("UPDATE ...", null, true, false, List.of(), root, p.planningMs(),
                p.executionMs(), p.triggers(), p.settings(), java.util.Map.of(), 170000);
        List<String> codes = ExplainWarnings.of(r).stream().map(ExplainWarning::code).toList();
        // in plan order: the sort's, then the scan's, then the statement's
        assertEquals(List.of("sort-spills-to-disk", "misestimate", "seq-scan-large-table", "misestimate",
                "row-triggers"), codes);
        String text = ExplainText.render(r, ExplainWarnings.of(r), false);
        assertTrue(text.contains("->  Seq Scan on shop.items i  (rows=10 cost=0.00..1.00) (actual rows=5000 loops=1)"),
                text);
        assertTrue(text.contains("Trigger items_touch on items: calls=5000\n"), text);
        String json = ExplainJson.write(r, ExplainWarnings.of(r));
        assertTrue(json.contains("\"rows_removed_by_filter\" : 45000"), json);
        assertTrue(json.contains("\"node_id\" : 2"), json);
    }
}
