package dev.phasewise.run;

import dev.phasewise.db.Database;
import dev.phasewise.plan.Plan;
import dev.phasewise.plan.PlanFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A plan's batched-delete step runs on the backfill's batched, checkpointed engine: many batches, each its
 * own transaction, with live progress; cancelled midway, the run resumes the same job at its checkpoints;
 * only the rows its WHERE names go, and its verification passes.
 */
class RunnerBatchedDeleteIT {

    private static final String PLAN = """
            version: 1
            name: purge drafts
            phases:
              backfill:
                steps:
                  - kind: batched-delete
                    id: purge-drafts
                    table: articles_article
                    where: status = 'draft'
                    batch_rows: 1000
            """;

    @Test
    void aBatchedDeleteRunsInBatchesAndResumesAfterACancel(@TempDir Path dir) throws Exception {
        String name = RunnerFixture.database("run_batched_delete", true, 40_000);
        // comments would hold the deleted articles by their foreign key: this test is about the articles
        try (var c = RunnerFixture.connect(name); var st = c.createStatement()) {
            st.execute("TRUNCATE articles_comment");
        }
        long drafts = Long.parseLong(RunnerFixture.one(name,
                "SELECT count(*) FROM articles_article WHERE status = 'draft'"));
        long others = Long.parseLong(RunnerFixture.one(name,
                "SELECT count(*) FROM articles_article WHERE status IS DISTINCT FROM 'draft'"));
        assertTrue(drafts >= 5_000 && others > 0, drafts + " drafts, " + others + " others");
        Path file = RunnerFixture.write(dir, "purge.plan.yaml", PLAN);
        Plan plan = PlanFiles.read(file);
        assertFalse(RunnerFixture.one(name, "SELECT NOT EXISTS (SELECT 1 FROM articles_article WHERE status = 'draft')")
                .equals("t"), "rows to delete");

        List<RunEvent> first = new CopyOnWriteArrayList<>();
        RunControl control = new RunControl();
        String runId;
        try (Database db = RunnerFixture.open(name)) {
            RunResult r = new Runner(db, RunOptions.defaults(), GateHandler.autoConfirm("ci"), new BatchedBackfill(), e -> {
                first.add(e);
                if (e instanceof RunEvent.BackfillProgress p && p.rowsDone() >= 2_000) {
                    control.cancel();
                }
            }).start(plan, file, control);
            assertEquals(RunStatus.CANCELLED, r.status(), r.message());
            runId = r.runId();
        }
        long left = Long.parseLong(RunnerFixture.one(name,
                "SELECT count(*) FROM articles_article WHERE status = 'draft'"));
        assertTrue(left > 0 && left <= drafts - 2_000, "cancelled midway: " + left + " of " + drafts + " left");
        assertEquals(Long.toString(drafts - left), RunnerFixture.one(name,
                "SELECT sum(rows_done) FROM phasewise.backfill_ranges"), "the checkpoints count the deleted rows");
        assertEquals(runId + "/purge-drafts", RunnerFixture.one(name, "SELECT job_id FROM phasewise.backfill_jobs"));
        assertTrue(first.stream().anyMatch(e -> e instanceof RunEvent.StepStarted s && s.sql().startsWith(
                "DELETE FROM \"articles_article\" WHERE \"id\" > $1")), first.toString());

        List<RunEvent> second = new CopyOnWriteArrayList<>();
        RunResult done;
        try (Database db = RunnerFixture.open(name)) {
            done = new Runner(db, RunOptions.defaults(), GateHandler.autoConfirm("ci"), new BatchedBackfill(),
                    second::add).resume(runId, plan, file, new RunControl());
        }
        assertEquals(RunStatus.SUCCEEDED, done.status(), done.message());
        assertTrue(done.actions().stream().allMatch(a -> a.verified() == null || a.verified()), done.actions().toString());
        assertEquals("0", RunnerFixture.one(name, "SELECT count(*) FROM articles_article WHERE status = 'draft'"));
        assertEquals(Long.toString(others), RunnerFixture.one(name, "SELECT count(*) FROM articles_article"),
                "the rows the WHERE does not name stay");
        assertEquals(Long.toString(drafts), RunnerFixture.one(name, "SELECT sum(rows_done) FROM phasewise.backfill_ranges"));
        long batches = Long.parseLong(RunnerFixture.one(name, "SELECT sum(batches) FROM phasewise.backfill_ranges"));
        assertTrue(batches >= 40, "batches of 1000 keys over 40,000 rows: " + batches);
        RunEvent.BackfillProgress last = second.stream().filter(e -> e instanceof RunEvent.BackfillProgress)
                .map(e -> (RunEvent.BackfillProgress) e).reduce((a, b) -> b).orElseThrow();
        assertEquals("done", last.state());
        assertEquals(drafts, last.rowsDone(), "the resumed job counts the rows of both runs");
    }
}
