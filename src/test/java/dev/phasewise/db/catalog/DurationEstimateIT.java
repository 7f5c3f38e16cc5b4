package dev.phasewise.db.catalog;

import dev.phasewise.analysis.Analyzer;
import dev.phasewise.analysis.StatementResult;
import dev.phasewise.analysis.cost.DurationEstimate;
import dev.phasewise.analysis.cost.Throughput;
import dev.phasewise.analysis.cost.WorkKind;
import dev.phasewise.analysis.pg.PgVersion;
import dev.phasewise.analysis.schema.SchemaModel;
import dev.phasewise.testing.TestPostgres;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Durations come from the server's measured throughput and the catalog's sizes. */
class DurationEstimateIT {
    private static String url;

    @BeforeAll
    static void database() throws Exception {
        url = TestPostgres.freshDatabase(17, "duration_estimate");
        try (Connection c = TestPostgres.connect(url); Statement st = c.createStatement()) {
            st.execute("""
                    CREATE TABLE articles (id int PRIMARY KEY, title text NOT NULL, body text, views int);
                    INSERT INTO articles SELECT g, 'title ' || g, repeat(md5(g::text), 3), g % 100
                    FROM generate_series(1, 150000) g;
                    ALTER TABLE articles ADD CONSTRAINT views_nonneg CHECK (views >= 0) NOT VALID""");
            st.execute("VACUUM ANALYZE articles");
        }
    }

    @Test
    void theProbeMeasuresAndLeavesNothingBehind() throws Exception {
        try (Connection c = TestPostgres.connect(url)) {
            for (boolean regular : new boolean[] {false, true}) {
                Throughput t = new ThroughputProbe(50_000).measure(c, regular);
                assertTrue(t.scanBytesPerSecond() > 1e6, "scan rate " + t);
                assertTrue(t.rewriteBytesPerSecond() > 1e5, "rewrite rate " + t);
                assertTrue(t.indexBuildBytesPerSecond() > 1e5, "index rate " + t);
                assertTrue(t.source().contains(regular ? "WAL-logged" : "temporary"));
            }
            try (Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT count(*) FROM pg_class WHERE relname LIKE 'phasewise_throughput%'")) {
                rs.next();
                assertEquals(0, rs.getInt(1), "the probe rolled back");
            }
            assertTrue(c.getAutoCommit());
        }
    }

    @Test
    void rewritesScansAndIndexBuildsGetAnEstimateFromSizeAndThroughput() throws Exception {
        SchemaModel model;
        Throughput throughput;
        try (Connection c = TestPostgres.connect(url)) {
            model = CatalogSchema.read(c);
            throughput = new ThroughputProbe(100_000).measure(c, false);
        }
        Analyzer analyzer = new Analyzer(new PgVersion(17)).withThroughput(throughput);
        String sql = """
                ALTER TABLE articles ALTER COLUMN views TYPE bigint;
                ALTER TABLE articles VALIDATE CONSTRAINT views_nonneg;
                CREATE INDEX articles_title_idx ON articles (title);
                ALTER TABLE articles ALTER COLUMN title DROP NOT NULL;
                """;
        var results = analyzer.analyze("m.sql", sql, model).statements();
        DurationEstimate rewrite = only(results.get(0));
        assertEquals(WorkKind.REWRITE, rewrite.work());
        assertEquals(model.find(dev.phasewise.analysis.sql.QualifiedName.of("articles")).orElseThrow().totalBytes(),
                rewrite.bytes());
        assertTrue(rewrite.describe().startsWith("rewrite of "), rewrite.describe());
        assertTrue(rewrite.describe().contains("under AccessExclusiveLock: about "), rewrite.describe());
        assertEquals(WorkKind.SCAN, only(results.get(1)).work());
        assertEquals(WorkKind.INDEX_BUILD, only(results.get(2)).work());
        assertTrue(results.get(3).estimates().isEmpty(), "a catalog-only change does no work on the rows");
        // without a throughput there is no estimate, rather than a guess
        assertTrue(new Analyzer(new PgVersion(17)).analyze("m.sql", sql, model).statements().get(0).estimates().isEmpty());
    }

    @Test
    void theEstimateIsTheRightOrderOfMagnitude() throws Exception {
        try (Connection c = TestPostgres.connect(url); Statement st = c.createStatement()) {
            SchemaModel model = CatalogSchema.read(c);
            Throughput throughput = new ThroughputProbe().measure(c, true);
            String sql = "ALTER TABLE articles ALTER COLUMN views TYPE bigint";
            double estimated = only(new Analyzer(new PgVersion(17)).withThroughput(throughput)
                    .analyze("m.sql", sql, model).statements().get(0)).seconds();
            c.setAutoCommit(false);
            long start = System.nanoTime();
            st.execute(sql);
            double actual = (System.nanoTime() - start) / 1e9;
            c.rollback();
            c.setAutoCommit(true);
            double ratio = estimated / actual;
            assertTrue(ratio > 0.1 && ratio < 10, "estimated " + estimated + " s, took " + actual + " s");
        }
    }

    private static DurationEstimate only(StatementResult r) {
        assertFalse(r.estimates().isEmpty(), "no estimate for " + r.sql());
        assertEquals(1, r.estimates().size());
        return r.estimates().get(0);
    }
}
