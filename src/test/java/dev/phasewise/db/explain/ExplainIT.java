package dev.phasewise.db.explain;

import dev.phasewise.plan.steps.Backfill;
import dev.phasewise.plan.steps.BatchedDelete;
import dev.phasewise.testing.Golden;
import dev.phasewise.testing.TestPostgres;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Real plans from PostgreSQL 17: parsing, parameters, ANALYZE's rollback, warnings, the text form. */
class ExplainIT {
    private static String url;
    private Connection c;

    @BeforeAll
    static void schema() throws SQLException {
        url = TestPostgres.freshDatabase(17, "explain_it");
        try (Connection c = TestPostgres.connect(url); Statement st = c.createStatement()) {
            st.execute("""
                    CREATE TABLE accounts (id bigint PRIMARY KEY, name text, balance int, region text);
                    INSERT INTO accounts SELECT g, 'n' || g, g % 1000, 'r' || (g % 10) FROM generate_series(1, 20000) g;
                    CREATE INDEX accounts_region ON accounts (region);
                    CREATE TABLE orders (id bigint PRIMARY KEY, account_id bigint REFERENCES accounts, amount int,
                                         note text);
                    INSERT INTO orders SELECT g, (g % 20000) + 1, g % 500, md5(g::text) FROM generate_series(1, 50000) g;
                    CREATE SCHEMA billing;
                    CREATE TABLE billing.invoices (id int PRIMARY KEY, total int);
                    INSERT INTO billing.invoices SELECT g, g FROM generate_series(1, 100) g;
                    ANALYZE;""");
        }
    }

    @BeforeEach
    void open() {
        c = TestPostgres.connect(url);
    }

    @AfterEach
    void close() throws SQLException {
        c.close();
    }

    private ExplainResult explain(String sql) throws SQLException {
        return new Explainer(c).explain(sql, Explainer.Options.plan());
    }

    private void exec(String sql) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }

    private long scalar(String sql) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static Optional<PlanNode> find(ExplainResult r, Predicate<PlanNode> p) {
        return r.root().flatten().stream().filter(p).findFirst();
    }

    private static PlanNode node(ExplainResult r, String type) {
        return find(r, n -> n.nodeType().equals(type)).orElseThrow(() -> new AssertionError("no " + type + " in\n"
                + ExplainText.render(r, List.of(), false)));
    }

    @Test
    void seqScanWithFilter() throws SQLException {
        ExplainResult r = explain("SELECT * FROM accounts WHERE balance = 5;");
        PlanNode scan = node(r, "Seq Scan");
        assertEquals("accounts", scan.relation());
        assertEquals("accounts", scan.alias());
        assertTrue(scan.filter().contains("balance = 5"), scan.filter());
        assertEquals(20, scan.planRows(), 5);
        assertTrue(scan.totalCost() > scan.startupCost());
        assertTrue(scan.planWidth() > 0);
        assertFalse(scan.analysed());
        assertEquals(20000L, r.tableRows().get("accounts"));
        assertEquals("SELECT * FROM accounts WHERE balance = 5", r.sql());
    }

    @Test
    void indexScanAndSchemaQualifiedRelation() throws SQLException {
        PlanNode scan = node(explain("SELECT * FROM accounts WHERE id = 5"), "Index Scan");
        assertEquals("accounts_pkey", scan.indexName());
        assertEquals("Forward", scan.scanDirection());
        assertTrue(scan.indexCond().contains("id = 5"), scan.indexCond());
        PlanNode inv = find(explain("SELECT * FROM billing.invoices i WHERE total = 3"), PlanNode::scansTable)
                .orElseThrow();
        assertEquals("billing.invoices", inv.relation());
        assertEquals("i", inv.alias());
    }

    @Test
    void bitmapHeapScan() throws SQLException {
        exec("SET enable_seqscan = off; SET enable_indexscan = off");
        ExplainResult r = explain("SELECT * FROM accounts WHERE region = 'r1'");
        PlanNode heap = node(r, "Bitmap Heap Scan");
        assertTrue(heap.recheckCond().contains("region"), heap.recheckCond());
        PlanNode index = heap.children().get(0);
        assertEquals("Bitmap Index Scan", index.nodeType());
        assertEquals("accounts_region", index.indexName());
        assertEquals("off", r.settings().get("enable_seqscan"));
    }

    @Test
    void joins() throws SQLException {
        String join = "SELECT a.name, o.amount FROM accounts a JOIN orders o ON o.account_id = a.id WHERE a.region = 'r1'";
        PlanNode hash = node(explain(join), "Hash Join");
        assertNotNull(hash.hashCond());
        assertEquals("Inner", hash.joinType());
        assertEquals("Outer", hash.children().get(0).parentRelationship());
        exec("SET enable_hashjoin = off; SET enable_mergejoin = off");
        ExplainResult nl = explain(join);
        PlanNode loop = node(nl, "Nested Loop");
        assertEquals(2, loop.children().size());
        assertTrue(ExplainWarnings.of(nl).stream().anyMatch(w -> w.code().equals("nested-loop-large")
                && w.nodeId() == loop.id()), () -> ExplainWarnings.of(nl).toString());
        ExplainResult left = explain("SELECT * FROM accounts a LEFT JOIN orders o ON o.account_id = a.id AND o.id < 10 "
                + "WHERE a.id < 5");
        assertTrue(left.root().flatten().stream().anyMatch(n -> n.displayName().endsWith("Left Join")),
                () -> ExplainText.render(left, List.of(), false));
    }

    @Test
    void sortAndAggregate() throws SQLException {
        PlanNode sort = node(explain("SELECT * FROM orders ORDER BY amount DESC, id"), "Sort");
        assertEquals(List.of("orders.amount DESC", "orders.id"), sort.sortKey());
        ExplainResult agg = explain("SELECT region, count(*) FROM accounts GROUP BY region");
        PlanNode a = node(agg, "Aggregate");
        assertEquals("Hashed", a.strategy());
        assertEquals("HashAggregate", a.displayName());
        assertEquals(10, a.planRows(), 0.5);
    }

    @Test
    void dataChanges() throws SQLException {
        ExplainResult upd = explain("UPDATE accounts SET balance = 0 WHERE id = 7");
        assertEquals("ModifyTable", upd.root().nodeType());
        assertEquals("Update", upd.root().operation());
        assertEquals("Update", upd.root().displayName());
        assertEquals("accounts", upd.root().relation());
        assertEquals("Delete", explain("DELETE FROM orders WHERE amount = 3").root().operation());
        ExplainResult ins = explain("INSERT INTO billing.invoices SELECT id + 1000, 0 FROM billing.invoices");
        assertEquals("Insert", ins.root().operation());
        assertEquals("billing.invoices", ins.root().relation());
        // a seq-scanning UPDATE of a large table warns, a point update does not
        assertTrue(ExplainWarnings.of(explain("UPDATE accounts SET balance = 0 WHERE name = 'x'")).stream()
                .anyMatch(w -> w.code().equals("seq-scan-large-table") && w.message().contains("accounts")));
        assertTrue(ExplainWarnings.of(upd).isEmpty());
    }

    @Test
    void cteAndSubplans() throws SQLException {
        ExplainResult cte = explain("WITH x AS MATERIALIZED (SELECT * FROM accounts WHERE id < 10) SELECT * FROM x");
        assertEquals("x", node(cte, "CTE Scan").cteName());
        assertTrue(find(cte, n -> "CTE x".equals(n.subplanName())).isPresent());
        ExplainResult sub = explain("SELECT id, (SELECT max(amount) FROM orders o WHERE o.account_id = a.id) "
                + "FROM accounts a WHERE id < 5");
        PlanNode s = find(sub, n -> "SubPlan".equals(n.parentRelationship())).orElseThrow();
        assertTrue(s.subplanName().startsWith("SubPlan"), s.subplanName());
    }

    @Test
    void parametersAreBoundAsSampleValues() throws SQLException {
        String batch = "UPDATE accounts SET name = 'x' WHERE id > $1 AND id <= $2";
        ExplainResult r = new Explainer(c).explain(batch, Explainer.Options.plan().withParameters(List.of("100", "200")));
        assertEquals(List.of("100", "200"), r.parameters());
        assertFalse(r.genericPlan());
        PlanNode scan = node(r, "Index Scan");
        assertEquals("accounts_pkey", scan.indexName());
        assertEquals(100, scan.planRows(), 20);
        // the same values the other way round: $2 before $1 in the text
        ExplainResult rev = new Explainer(c).explain("SELECT * FROM accounts WHERE id <= $2 AND id > $1",
                Explainer.Options.plan().withParameters(List.of("100", "200")));
        assertEquals(100, node(rev, "Index Scan").planRows(), 20);
        // a generic plan when no values are given
        ExplainResult generic = explain(batch);
        assertTrue(generic.genericPlan());
        assertTrue(find(generic, n -> n.indexCond() != null && n.indexCond().contains("$1")).isPresent(),
                () -> ExplainText.render(generic, List.of(), false));
        assertEquals("auto", scalarText("SHOW plan_cache_mode"));
        // a ? operator survives pgjdbc's placeholder parsing
        ExplainResult json = new Explainer(c).explain("SELECT * FROM accounts WHERE id = $1 AND '{\"a\":1}'::jsonb ? 'a'",
                Explainer.Options.plan().withParameters(List.of("3")));
        assertNotNull(node(json, "Index Scan"));
        assertThrows(IllegalArgumentException.class, () -> new Explainer(c).explain(batch,
                Explainer.Options.plan().withParameters(List.of("1"))));
    }

    @Test
    void analyzeRollsBack() throws SQLException {
        long before = scalar("SELECT sum(balance) FROM accounts");
        ExplainResult r = new Explainer(c).explain("UPDATE accounts SET balance = balance + 1 WHERE id <= 10",
                Explainer.Options.plan().analyzed("10s"));
        assertTrue(r.analyzed());
        assertEquals(10, node(r, "Index Scan").actualRows());
        assertEquals(1, r.root().actualLoops());
        assertNotNull(r.root().buffers());
        assertNotNull(r.executionMs());
        assertEquals(before, scalar("SELECT sum(balance) FROM accounts"));
        assertTrue(c.getAutoCommit());
    }

    @Test
    void analyzeRollsBackWhenTheStatementFails() throws SQLException {
        long before = scalar("SELECT count(*) FROM orders");
        assertThrows(SQLException.class, () -> new Explainer(c).explain("INSERT INTO orders "
                        + "SELECT 100000 + g, 1, 1 / (g - 500), 'x' FROM generate_series(1, 1000) g",
                Explainer.Options.plan().analyzed("10s")));
        assertTrue(c.getAutoCommit());
        assertEquals(before, scalar("SELECT count(*) FROM orders"));
        SQLException timeout = assertThrows(SQLException.class, () -> new Explainer(c).explain("SELECT pg_sleep(5)",
                Explainer.Options.plan().analyzed("100ms")));
        assertTrue(timeout.getMessage().contains("statement timeout"), timeout.getMessage());
        assertEquals("0", scalarText("SHOW statement_timeout"));
    }

    private String scalarText(String sql) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    @Test
    void analyzeNeedsItsOwnTransaction() throws SQLException {
        c.setAutoCommit(false);
        assertThrows(IllegalStateException.class, () -> new Explainer(c).explain("SELECT 1",
                Explainer.Options.plan().analyzed("1s")));
        c.rollback();
    }

    @Test
    void utilityStatementsAreNotExplainable() throws SQLException {
        ExplainResult ddl = explain("ALTER TABLE accounts ADD COLUMN x int");
        assertFalse(ddl.explainable());
        assertEquals("not explainable: ALTER TABLE", ddl.notExplainable());
        assertNull(ddl.root());
        assertEquals("not explainable: CREATE INDEX", explain("CREATE INDEX CONCURRENTLY i ON accounts (name)")
                .notExplainable());
        assertEquals("not explainable: VACUUM", explain("vacuum accounts").notExplainable());
        ExplainResult analysedDdl = new Explainer(c).explain("DROP TABLE orders", Explainer.Options.plan().analyzed("1s"));
        assertEquals("not explainable: DROP TABLE", analysedDdl.notExplainable());
        assertEquals(50000, scalar("SELECT count(*) FROM orders"));
        assertEquals("not explainable: DROP TABLE\n", ExplainText.render(analysedDdl, List.of(), true));
    }

    @Test
    void exactlyOneStatement() {
        assertThrows(IllegalArgumentException.class, () -> explain("SELECT 1; DELETE FROM orders"));
        assertThrows(IllegalArgumentException.class, () -> explain("  -- nothing\n"));
        assertThrows(IllegalArgumentException.class, () -> explain("SELECT 'unterminated"));
    }

    @Test
    void analysedWarnings() throws SQLException {
        exec("""
                CREATE TABLE corr (id int PRIMARY KEY, a int, b int);
                INSERT INTO corr SELECT g, g % 100, g % 100 FROM generate_series(1, 20000) g;
                ANALYZE corr;
                CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;
                CREATE TRIGGER corr_touch BEFORE UPDATE ON corr FOR EACH ROW EXECUTE FUNCTION touch();""");
        try {
            ExplainResult mis = new Explainer(c).explain("SELECT * FROM corr WHERE a = 1 AND b = 1",
                    Explainer.Options.plan().analyzed("10s"));
            assertTrue(ExplainWarnings.of(mis).stream().anyMatch(w -> w.code().equals("misestimate")),
                    () -> ExplainWarnings.of(mis).toString());
            ExplainResult trig = new Explainer(c).explain("UPDATE corr SET a = a WHERE id <= 50",
                    Explainer.Options.plan().analyzed("10s"));
            assertEquals(1, trig.triggers().size());
            assertEquals(50, trig.triggers().get(0).calls());
            assertTrue(ExplainWarnings.of(trig).stream().anyMatch(w -> w.code().equals("row-triggers")
                    && w.message().contains("corr_touch") && w.message().contains("50 times")));
            exec("SET work_mem = '64kB'");
            ExplainResult sort = new Explainer(c).explain("SELECT * FROM orders ORDER BY note",
                    Explainer.Options.plan().analyzed("30s"));
            assertTrue(node(sort, "Sort").sortMethod().startsWith("external"));
            assertTrue(ExplainWarnings.of(sort).stream().anyMatch(w -> w.code().equals("sort-spills-to-disk")));
        } finally {
            exec("DROP TABLE corr; DROP FUNCTION touch()");
        }
    }

    private static Backfill backfill(String table, String key, int rows) {
        return new Backfill(null, null, table, key, "payload = 'q'", "payload IS NULL", rows, null, null);
    }

    @Test
    void backfillWarningsFollowTheKeyIndex() throws SQLException {
        exec("""
                CREATE TABLE events (seq bigint, payload text);
                INSERT INTO events SELECT g, NULL FROM generate_series(1, 30000) g;
                ANALYZE events;""");
        try {
            BackfillExplainer be = new BackfillExplainer(c, ExplainWarnings.Thresholds.DEFAULTS);
            BackfillExplainer.Outcome without = be.explain(backfill("events", "seq", 1000), false, null);
            assertEquals(List.of("1", "1001"), without.result().parameters());
            List<String> codes = without.warnings().stream().map(ExplainWarning::code).toList();
            assertTrue(codes.contains("backfill-key-not-indexed"), codes::toString);
            assertTrue(codes.contains("seq-scan-large-table"), codes::toString);
            assertTrue(without.warnings().stream().anyMatch(w -> w.message().contains("events.seq")));

            exec("CREATE INDEX events_seq ON events (seq); ANALYZE events");
            BackfillExplainer.Outcome with = be.explain(backfill("events", "seq", 1000), true, "10s");
            assertTrue(with.warnings().isEmpty(), with.warnings()::toString);
            assertEquals(1000, with.result().root().flatten().stream().filter(PlanNode::scansTable)
                    .findFirst().orElseThrow().actualRows());
            assertEquals(0, scalar("SELECT count(*) FROM events WHERE payload IS NOT NULL"));

            // an index on another column, the key only in the filter
            exec("DROP INDEX events_seq; CREATE INDEX events_payload ON events (payload); ANALYZE events");
            ExplainResult other = new Explainer(c).explain("SELECT * FROM events WHERE payload IS NULL AND seq > 5",
                    Explainer.Options.plan());
            List<ExplainWarning> w = ExplainWarnings.of(other, ExplainWarnings.Thresholds.DEFAULTS,
                    new ExplainWarnings.BackfillKey("public.events", "seq"));
            assertTrue(w.stream().anyMatch(x -> x.code().equals("backfill-key-not-indexed")), w::toString);
        } finally {
            exec("DROP TABLE events");
        }
    }

    /** A batched delete's batch is explained as the runner runs it: the first key range, rolled back under ANALYZE. */
    @Test
    void aBatchedDeletesFirstBatchIsExplainedAndNothingIsDeleted() throws SQLException {
        exec("""
                CREATE TABLE purge_items (id bigint PRIMARY KEY, payload text);
                INSERT INTO purge_items SELECT g, CASE WHEN g % 2 = 0 THEN 'x' END FROM generate_series(1, 5000) g;
                ANALYZE purge_items;""");
        try {
            BackfillExplainer.Outcome o = new BackfillExplainer(c, ExplainWarnings.Thresholds.DEFAULTS).explain(
                    new BatchedDelete(null, null, "purge_items", null, "payload IS NULL", 300, null, null), true, "10s");
            assertEquals(List.of("1", "301"), o.result().parameters());
            assertTrue(o.warnings().isEmpty(), o.warnings()::toString);
            assertEquals("ModifyTable Delete", o.result().root().nodeType() + " " + o.result().root().operation());
            assertEquals(5000, scalar("SELECT count(*) FROM purge_items"), "ANALYZE rolled the delete back");
        } finally {
            exec("DROP TABLE purge_items");
        }
    }

    @Test
    void goldenText() throws SQLException {
        exec("""
                CREATE TABLE gold_items (id int PRIMARY KEY, code int, label text);
                INSERT INTO gold_items SELECT g, g % 50, NULL FROM generate_series(1, 12000) g;
                CREATE TABLE gold_tags (item_id int, tag text);
                INSERT INTO gold_tags SELECT g % 12000 + 1, 't' || (g % 7) FROM generate_series(1, 3000) g;
                """);
        exec("VACUUM ANALYZE gold_items");
        exec("VACUUM ANALYZE gold_tags");
        try {
            BackfillExplainer.Outcome batch = new BackfillExplainer(c, ExplainWarnings.Thresholds.DEFAULTS)
                    .explain(new Backfill(null, null, "gold_items", "code", "label = 'x'", "label IS NULL", 500,
                            null, null), false, null);
            ExplainResult join = explain("SELECT i.id, t.tag FROM gold_items i JOIN gold_tags t ON t.item_id = i.id "
                    + "WHERE i.code = 7 ORDER BY i.id");
            String text = ExplainText.render(batch.result(), batch.warnings(), false) + "\n"
                    + ExplainText.render(join, ExplainWarnings.of(join), false);
            Golden.assertMatches(Golden.project("src/test/resources/golden/explain/plans.txt"), text);
        } finally {
            exec("DROP TABLE gold_items; DROP TABLE gold_tags");
        }
    }
}
