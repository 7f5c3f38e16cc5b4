package dev.phasewise.plan;

import dev.phasewise.plan.steps.BatchedDelete;
import dev.phasewise.testing.Golden;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PlanFilesWriteTest {

    /** Every sample plan, written and read back, is the same plan, and writing it again gives the same text. */
    @TestFactory
    Stream<DynamicTest> samplePlansRoundTrip() throws IOException {
        return PlanFilesTest.samples().map(p -> DynamicTest.dynamicTest(p.getFileName().toString(), () -> {
            Plan plan = PlanFiles.read(p);
            String yaml = PlanFiles.toYaml(plan);
            Plan again = PlanFiles.parse("written", yaml);
            assertEquals(plan, again, yaml);
            assertEquals(yaml, PlanFiles.toYaml(again));
        }));
    }

    /**
     * A batched delete is read from its file with all its settings, generates its batch DELETE, verification and
     * irreversible rollback, says "every row" without a WHERE, and is written back to the same text.
     */
    @Test
    void aBatchedDeleteRoundTripsAndSaysWhatItDeletes(@TempDir Path dir) throws Exception {
        Plan plan = PlanFiles.parse("purge.plan.yaml", """
                version: 1
                name: purge
                phases:
                  backfill:
                    steps:
                      - kind: batched-delete
                        table: articles_comment
                        where: created_at < now() - interval '1 year'
                        batch_rows: 2000
                        sleep_ms: 50
                        sleep_ratio: 1.5
                        max_write_impact: 3
                        lock_timeout: 1s
                        statement_timeout: 20s
                      - kind: batched-delete
                        id: purge-log
                        table: audit_log
                        key: log_id
                        batch_ms: 200
                """);
        assertTrue(PlanFiles.validate(plan).isEmpty(), PlanFiles.validate(plan).toString());
        var old = (BatchedDelete) plan.steps().get(0).step();
        assertEquals("batched-delete", old.kind());
        assertEquals("batched-delete-articles_comment", old.id());
        assertEquals(new BatchedDelete(null, null, "articles_comment", null, "created_at < now() - interval '1 year'",
                2000, null, 50, 1.5, 3.0, "1s", "20s"), old);
        assertEquals("DELETE FROM \"articles_comment\" WHERE \"id\" > $1 AND \"id\" <= $2 AND (created_at < now() - "
                + "interval '1 year')", old.forward().get(0).sql());
        assertEquals(1, old.forward().size());
        assertEquals("SELECT NOT EXISTS (SELECT 1 FROM \"articles_comment\" WHERE created_at < now() - interval '1 year')",
                old.verify().get(0).sql());
        assertFalse(old.rollback().reversible());
        assertTrue(old.rollback().irreversibleBecause().contains("backup"), old.rollback().irreversibleBecause());
        assertEquals("1s", plan.lockTimeoutFor(old));

        var all = (BatchedDelete) plan.steps().get(1).step();
        assertTrue(all.title().contains("every row of audit_log"), all.title());
        assertEquals("DELETE FROM \"audit_log\" WHERE \"log_id\" > $1 AND \"log_id\" <= $2", all.batchSql());
        assertEquals("SELECT NOT EXISTS (SELECT 1 FROM \"audit_log\")", all.verify().get(0).sql());

        Path out = dir.resolve("purge.plan.yaml");
        PlanFiles.write(out, plan);
        String text = Files.readString(out);
        assertTrue(text.contains("- kind: batched-delete"), text);
        assertTrue(text.contains("batch_rows: 2000") && text.contains("max_write_impact: 3"), text);
        assertFalse(text.contains("title:") || text.contains("set:"), text);
        Plan again = PlanFiles.read(out);
        assertEquals(plan, again, text);
        assertEquals(text, PlanFiles.toYaml(again));
    }

    /** Derived ids and titles stay out of the file: only what the plan said is written. */
    @Test
    void writesOnlyWhatThePlanSaid(@TempDir Path dir) throws Exception {
        Plan plan = PlanFiles.read(Golden.project("migrations-samples/add-article-summary.plan.yaml"));
        Path out = dir.resolve("copy.plan.yaml");
        PlanFiles.write(out, plan);
        String text = Files.readString(out);
        assertFalse(text.contains("id: add-column-articles_article-summary"), text);
        assertFalse(text.contains("title:"), text);
        // the documented format: each step says its kind with a kind: key, not a YAML type tag
        assertTrue(text.contains("- kind: add-column"), text);
        assertFalse(text.contains("!<"), text);
        assertEquals(plan, PlanFiles.read(out));
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count(), "no temporary file left");
        }
    }
}
