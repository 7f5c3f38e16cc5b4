package dev.phasewise.db.explain;

import dev.phasewise.testing.TestPostgres;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.sql.Connection;
import java.sql.Statement;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The batch explain (bound values, generic plan, analysed and rolled back) on every major in -Dphasewise.pgVersions. */
class ExplainVersionsIT {
    static List<Integer> versions() {
        return TestPostgres.versions();
    }

    @ParameterizedTest(name = "PostgreSQL {0}")
    @MethodSource("versions")
    void batchExplainWorks(int major) throws Exception {
        String url = TestPostgres.freshDatabase(major, "explain_versions");
        try (Connection c = TestPostgres.connect(url)) {
            try (Statement st = c.createStatement()) {
                st.execute("CREATE TABLE t (id bigint PRIMARY KEY, v text);"
                        + "INSERT INTO t SELECT g, NULL FROM generate_series(1, 20000) g; ANALYZE t");
            }
            String batch = "UPDATE t SET v = 'x' WHERE id > $1 AND id <= $2 AND (v IS NULL)";
            Explainer e = new Explainer(c);
            ExplainResult bound = e.explain(batch, Explainer.Options.plan().withParameters(List.of("0", "500")));
            assertEquals("Update", bound.root().operation());
            assertEquals("t_pkey", bound.root().children().get(0).indexName());
            ExplainResult generic = e.explain(batch, Explainer.Options.plan());
            assertTrue(generic.genericPlan());
            assertTrue(generic.root().flatten().stream().anyMatch(n -> n.indexCond() != null
                    && n.indexCond().contains("$1")), ExplainText.render(generic, List.of(), false));
            ExplainResult analysed = e.explain(batch,
                    Explainer.Options.plan().withParameters(List.of("0", "500")).analyzed("10s"));
            assertEquals(500, analysed.root().children().get(0).actualRows());
            List<ExplainWarning> warnings = ExplainWarnings.of(analysed, ExplainWarnings.Thresholds.DEFAULTS,
                    new ExplainWarnings.BackfillKey("t", "id"));
            assertTrue(warnings.isEmpty(), warnings::toString);
            assertFalse(e.explain("CREATE INDEX ON t (v)", Explainer.Options.plan()).explainable());
            try (Statement st = c.createStatement(); var rs = st.executeQuery("SELECT count(v) FROM t")) {
                rs.next();
                assertEquals(0, rs.getLong(1));
            }
        }
    }
}
