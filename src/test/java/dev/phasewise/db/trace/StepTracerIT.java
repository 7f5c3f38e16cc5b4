package dev.phasewise.db.trace;

import dev.phasewise.plan.steps.Backfill;
import dev.phasewise.plan.steps.BatchedDelete;
import dev.phasewise.testing.TestPostgres;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.Statement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The script a backfill step is traced with: its first batch, with the key range read from the table. */
class StepTracerIT {

    @Test
    void theFirstBatchOfATextKeyWithQuotesAndBackslashesMeansTheSameWhateverStandardConformingStringsSays()
            throws Exception {
        String url = TestPostgres.freshDatabase(17, "step_tracer_text_key");
        try (Connection c = TestPostgres.connect(url); Statement st = c.createStatement()) {
            // every key ends in a backslash: written into the script as a plain literal, it would end in \'
            st.execute("CREATE TABLE tk (k text PRIMARY KEY, n int NOT NULL DEFAULT 0)");
            st.execute("INSERT INTO tk (k) SELECT 'o''k\\' || lpad(i::text, 4, '0') || '\\' FROM generate_series(1, 50) i");
        }
        Backfill step = new Backfill("fill", null, "tk", "k", "n = n + 1", null, 20, null, null);
        for (String conforming : new String[] {"on", "off"}) {
            try (Connection c = TestPostgres.connect(url); Statement st = c.createStatement()) {
                st.execute("SET standard_conforming_strings = " + conforming);
                String script = StepTracer.source(c, step);
                c.setAutoCommit(false);
                assertEquals(20, st.executeUpdate(script), "standard_conforming_strings " + conforming + ": " + script);
                try (var rs = st.executeQuery("SELECT min(k), max(k) FROM tk WHERE n = 1")) {
                    assertTrue(rs.next());
                    assertEquals("o'k\\0001\\", rs.getString(1), script);
                    assertEquals("o'k\\0020\\", rs.getString(2), script);
                }
                c.rollback();
            }
        }
    }

    /** A batched delete is traced as its first batch too: the first batch_rows keys, filtered by its WHERE. */
    @Test
    void aBatchedDeleteIsTracedAsItsFirstBatch() throws Exception {
        String url = TestPostgres.freshDatabase(17, "step_tracer_delete");
        try (Connection c = TestPostgres.connect(url); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE purge (id bigint PRIMARY KEY, keep boolean NOT NULL)");
            st.execute("INSERT INTO purge SELECT i, i % 2 = 0 FROM generate_series(1, 100) i");
            String script = StepTracer.source(c, new BatchedDelete("purge", null, "purge", null, "NOT keep", 20, null,
                    null));
            assertTrue(script.startsWith("DELETE FROM \"purge\" WHERE \"id\" >= '1' AND \"id\" <= '20'"), script);
            c.setAutoCommit(false);
            assertEquals(10, st.executeUpdate(script), script);
            c.rollback();
        }
    }
}
