package dev.phasewise.db.trace;

import dev.phasewise.analysis.Analyzer;
import dev.phasewise.analysis.pg.LockMode;
import dev.phasewise.analysis.pg.PgVersion;
import dev.phasewise.db.TraceResult;
import dev.phasewise.db.TracedEffect;
import dev.phasewise.db.Tracer;
import dev.phasewise.db.catalog.CatalogSchema;
import dev.phasewise.testing.TestPostgres;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Tracing UPDATE, DELETE, INSERT ... SELECT and MERGE must not do all their work: a full-table
 * UPDATE traced in full wrote every row again and left the table twice its size, full of dead rows.
 * The trace lets only the first row change; these tests prove on a real server that it still takes
 * exactly the locks and scans of the full statement (read from pg_locks and pg_stat_xact_user_tables
 * while the full statement runs), and that it leaves the table as it was but for one dead row version,
 * which it reports.
 */
class DmlTraceIT {
    private static final int BIG_ROWS = 200_000;
    private static String url;

    @BeforeAll
    static void database() throws Exception {
        url = TestPostgres.seededDatabase(17, "dml_trace");
        try (Connection c = TestPostgres.connect(url); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE big (id bigint PRIMARY KEY, user_id bigint NOT NULL REFERENCES users (id), "
                    + "n integer NOT NULL DEFAULT 0, pad text)");
            st.execute("INSERT INTO big SELECT g, 1 + g % 5000, 0, repeat('x', 40) FROM generate_series(1, "
                    + BIG_ROWS + ") g");
            st.execute("CREATE TABLE small (id bigint PRIMARY KEY, c integer)");
            st.execute("INSERT INTO small SELECT g, NULL FROM generate_series(1, 1000) g");
            st.execute("VACUUM ANALYZE big");
            st.execute("VACUUM ANALYZE small");
        }
    }

    /** On every PostgreSQL version tested (MERGE from 15): partitions get the trigger leaf by leaf, as 12 requires. */
    @TestFactory
    List<DynamicTest> theFirstRowOnlyTraceTakesTheLocksAndScansOfTheFullStatement() {
        return TestPostgres.versions().stream()
                .map(major -> DynamicTest.dynamicTest("PostgreSQL " + major, () -> sameAsInFull(major)))
                .toList();
    }

    private void sameAsInFull(int major) throws Exception {
        List<String> statements = new java.util.ArrayList<>(List.of(
                "UPDATE articles_article SET views = views + 1",
                "UPDATE comments SET user_id = 1 + (user_id % 100)",
                "DELETE FROM articles_article WHERE id <= 100",
                "INSERT INTO comments (id, article_id, user_id, body) "
                        + "SELECT id + 1000000, article_id, user_id, body FROM comments",
                "UPDATE events SET amount = 1",
                "INSERT INTO events SELECT id, created_at + interval '1 year', kind, amount FROM events",
                "DELETE FROM notes"));
        if (major >= 15) {
            statements.add("MERGE INTO users u USING (SELECT id FROM users) s ON u.id = s.id "
                    + "WHEN MATCHED THEN UPDATE SET score = 1");
        }
        String db = major == 17 ? url : TestPostgres.seededDatabase(major, "dml_trace");
        try (Connection session = TestPostgres.connect(db)) {
            Tracer tracer = new Tracer(session, () -> TestPostgres.connect(db));
            for (String sql : statements) {
                String where = "PostgreSQL " + major + ": " + sql;
                TraceResult limited = tracer.traceInTransaction(sql);
                assertNull(limited.error(), where);
                assertTrue(limited.notes().stream().anyMatch(n -> n.startsWith("changed only its first row")),
                        where + ": " + limited.notes());
                Set<String> traced = new TreeSet<>();
                for (TracedEffect t : limited.tables()) {
                    traced.add(t.name() + " " + t.lock().pgName() + (t.scan() ? " scan" : ""));
                }
                assertEquals(runInFull(session, sql), traced, where);
                long written = limited.deadRows().values().stream().mapToLong(Long::longValue).sum();
                assertTrue(written <= 1, where + " wrote " + limited.deadRows());
            }
        }
    }

    @Test
    void aFullTableUpdateIsTracedWithoutRewritingTheTableAndItsOneDeadRowIsReported() throws Exception {
        try (Connection session = TestPostgres.connect(url)) {
            long sizeBefore = scalar(session, "SELECT pg_relation_size('big')");
            long deadBefore = deadTuples(session, "big");
            long start = System.nanoTime();
            TracedFile f = new MigrationTracer(session, () -> TestPostgres.connect(url),
                    new Analyzer(new PgVersion(17))).trace("m.sql", "UPDATE big SET n = n + 1;\n",
                    CatalogSchema.read(session));
            long millis = (System.nanoTime() - start) / 1_000_000;
            TracedStatement s = f.statements().get(0);
            assertTrue(s.traced(), s.note());
            assertTrue(s.disagreements().isEmpty(), s.disagreements().toString());
            assertTrue(s.observed().tables().contains(new TracedEffect("big", LockMode.ROW_EXCLUSIVE, false, true)),
                    s.observed().tables().toString());
            assertEquals(Map.of("big", 1L), f.deadRows());
            assertTrue(f.leftBehind().isEmpty(), f.leftBehind().toString());
            long grown = scalar(session, "SELECT pg_relation_size('big')") - sizeBefore;
            assertTrue(grown <= 16384, "the table grew by " + grown + " bytes from " + sizeBefore);
            assertEquals(deadBefore + 1, deadTuples(session, "big"));
            System.out.println("traced UPDATE of " + BIG_ROWS + " rows in " + millis + " ms; table "
                    + sizeBefore + " bytes, grew by " + grown);
        }
    }

    @Test
    void aStatementThatNeedsTheRowsOfAnEarlierUpdateIsTracedAgainWithItInFull() throws Exception {
        String migration = """
                UPDATE small SET c = 0 WHERE c IS NULL;
                ALTER TABLE small ALTER COLUMN c SET NOT NULL;
                """;
        try (Connection session = TestPostgres.connect(url)) {
            TracedFile f = new MigrationTracer(session, () -> TestPostgres.connect(url),
                    new Analyzer(new PgVersion(17))).trace("m.sql", migration, CatalogSchema.read(session));
            TracedStatement setNotNull = f.statements().get(1);
            assertTrue(setNotNull.traced(), setNotNull.note());
            assertTrue(setNotNull.observed().notes().stream().anyMatch(n -> n.contains("replayed in full")),
                    setNotNull.observed().notes().toString());
            assertTrue(setNotNull.disagreements().isEmpty(), setNotNull.disagreements().toString());
            // one row version by the traced UPDATE, one by its first-row replay before SET NOT NULL (rejected:
            // the other rows are still NULL), 1000 by its replay in full
            assertEquals(Map.of("small", 1002L), f.deadRows());
        }
    }

    /** The strongest new lock mode and the scan on each application table while the statement runs in full. */
    private static Set<String> runInFull(Connection c, String sql) throws Exception {
        c.setAutoCommit(false);
        try (Statement st = c.createStatement()) {
            Map<String, Set<LockMode>> before = locks(st);
            Map<String, Long> scansBefore = scans(st);
            st.execute(sql);
            Map<String, Set<LockMode>> after = locks(st);
            Map<String, Long> scansAfter = scans(st);
            Set<String> out = new TreeSet<>();
            after.forEach((table, modes) -> {
                LockMode strongest = null;
                for (LockMode m : modes) {
                    if (!before.getOrDefault(table, Set.of()).contains(m)) {
                        strongest = LockMode.strongest(strongest, m);
                    }
                }
                if (strongest != null) {
                    boolean scan = scansAfter.getOrDefault(table, 0L) > scansBefore.getOrDefault(table, 0L);
                    out.add(table + " " + strongest.pgName() + (scan ? " scan" : ""));
                }
            });
            return out;
        } finally {
            c.rollback();
            c.setAutoCommit(true);
        }
    }

    private static Map<String, Set<LockMode>> locks(Statement st) throws Exception {
        Map<String, Set<LockMode>> out = new HashMap<>();
        try (ResultSet rs = st.executeQuery("""
                SELECT c.relname, l.mode FROM pg_locks l JOIN pg_class c ON c.oid = l.relation
                JOIN pg_namespace n ON n.oid = c.relnamespace
                WHERE l.pid = pg_backend_pid() AND l.locktype = 'relation' AND n.nspname = 'public'
                  AND c.relkind IN ('r', 'p')""")) {
            while (rs.next()) {
                out.computeIfAbsent(rs.getString(1), k -> EnumSet.noneOf(LockMode.class))
                        .add(LockMode.fromPgName(rs.getString(2)));
            }
        }
        return out;
    }

    private static Map<String, Long> scans(Statement st) throws Exception {
        Map<String, Long> out = new HashMap<>();
        // public only, as locks(): the seed's app schema has a users table of its own
        try (ResultSet rs = st.executeQuery(
                "SELECT relname, seq_scan FROM pg_stat_xact_user_tables WHERE schemaname = 'public'")) {
            while (rs.next()) {
                out.put(rs.getString(1), rs.getLong(2));
            }
        }
        return out;
    }

    private static long deadTuples(Connection c, String table) throws Exception {
        try (Statement st = c.createStatement()) {
            st.execute("SELECT pg_stat_force_next_flush()");
            st.execute("SELECT 1");
            Thread.sleep(200);
            st.execute("SELECT pg_stat_clear_snapshot()");
            try (ResultSet rs = st.executeQuery("SELECT n_dead_tup FROM pg_stat_user_tables WHERE schemaname = 'public' AND relname = '" + table + "'")) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static long scalar(Connection c, String sql) throws Exception {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
