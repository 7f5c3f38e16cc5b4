package dev.phasewise.db;

import dev.phasewise.analysis.pg.LockMode;
import dev.phasewise.testing.TestPostgres;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * Statements that cannot run in a transaction are traced from other sessions; every lock they take
 * must be seen on every run, not only when a poll happens to fall into the moment it is held.
 * DETACH PARTITION CONCURRENTLY holds ACCESS EXCLUSIVE on the partition only briefly, in its second
 * transaction, after waiting for every transaction that locked the parent (the tracer's own blockers
 * among them): a trace that let that wait through by releasing its blockers saw it only by chance.
 * Each statement is traced several times in a row, and the tracer must report no gap.
 */
class ConcurrentTraceIT {
    private static final int RUNS = 5;

    private record Case(int since, String sql, String undo, Map<String, LockMode> locks) {
    }

    private static final List<Case> CASES = List.of(
            new Case(14, "ALTER TABLE metrics DETACH PARTITION metrics_b CONCURRENTLY",
                    "ALTER TABLE metrics ATTACH PARTITION metrics_b FOR VALUES IN ('b'); "
                            + "ALTER TABLE metrics_b DROP CONSTRAINT IF EXISTS metrics_b_name_check",
                    Map.of("metrics", LockMode.SHARE_UPDATE_EXCLUSIVE, "metrics_b", LockMode.ACCESS_EXCLUSIVE)),
            new Case(12, "CREATE INDEX CONCURRENTLY comments_trace_idx ON comments (user_id)",
                    "DROP INDEX comments_trace_idx",
                    Map.of("comments", LockMode.SHARE_UPDATE_EXCLUSIVE)),
            new Case(12, "DROP INDEX CONCURRENTLY articles_article_author_id_idx",
                    "CREATE INDEX articles_article_author_id_idx ON articles_article (author_id)",
                    Map.of("articles_article", LockMode.SHARE_UPDATE_EXCLUSIVE)),
            new Case(12, "REINDEX TABLE CONCURRENTLY tags", "SELECT 1",
                    Map.of("tags", LockMode.SHARE_UPDATE_EXCLUSIVE)));

    @TestFactory
    List<DynamicTest> everyLockOfAConcurrentStatementIsSeenOnEveryRun() {
        List<DynamicTest> out = new ArrayList<>();
        for (int major : TestPostgres.versions()) {
            out.add(DynamicTest.dynamicTest("PostgreSQL " + major, () -> traceRepeatedly(major)));
        }
        return out;
    }

    private void traceRepeatedly(int major) throws Exception {
        String url = TestPostgres.seededDatabase(major, "concurrent_trace");
        try (Connection session = TestPostgres.connect(url)) {
            Tracer tracer = new Tracer(session, () -> TestPostgres.connect(url));
            for (Case c : CASES) {
                if (major < c.since()) {
                    continue;
                }
                for (int run = 1; run <= RUNS; run++) {
                    TraceResult traced = tracer.traceOutsideTransaction(c.sql());
                    try (Statement st = session.createStatement()) {
                        st.execute(c.undo());
                    }
                    String where = "PostgreSQL " + major + ", run " + run + ": " + c.sql();
                    assertNull(traced.error(), where);
                    Map<String, LockMode> seen = new TreeMap<>();
                    traced.tables().forEach(t -> seen.put(t.name(), t.lock()));
                    assertEquals(new TreeMap<>(c.locks()), seen, where);
                    assertEquals(List.of(), traced.gaps(), where);
                }
            }
        }
    }
}
