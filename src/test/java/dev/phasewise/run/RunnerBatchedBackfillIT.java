package dev.phasewise.run;

import dev.phasewise.plan.Plan;
import dev.phasewise.plan.PlanFiles;
import dev.phasewise.db.Database;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A plan's backfill step runs through the batched, checkpointed executor: cancelled mid-backfill,
 * the run resumes the same job at its checkpoints, and every row is filled.
 */
class RunnerBatchedBackfillIT {

    @Test
    void aCancelledRunResumesItsBackfillAtTheCheckpoint() throws Exception {
        String name = RunnerFixture.database("run_batched", true, 40_000);
        Path file = RunnerFixture.SAMPLES.resolve("add-article-summary.plan.yaml");
        Plan plan = PlanFiles.read(file);
        List<RunEvent> first = new CopyOnWriteArrayList<>();
        RunControl control = new RunControl();
        String runId;
        try (Database db = RunnerFixture.open(name)) {
            RunResult r = new Runner(db, RunOptions.defaults(), GateHandler.autoConfirm("ci"), new BatchedBackfill(), e -> {
                first.add(e);
                if (e instanceof RunEvent.BackfillProgress p && p.rowsDone() >= 10_000) {
                    control.cancel();
                }
            }).start(plan, file, control);
            assertEquals(RunStatus.CANCELLED, r.status(), r.message());
            runId = r.runId();
        }
        long doneAtCancel = Long.parseLong(RunnerFixture.one(name,
                "SELECT count(*) FROM articles_article WHERE summary IS NOT NULL"));
        assertTrue(doneAtCancel >= 10_000 && doneAtCancel < 40_000, "cancelled midway: " + doneAtCancel);
        assertEquals(runId + "/backfill-articles_article", RunnerFixture.one(name,
                "SELECT job_id FROM phasewise.backfill_jobs"));

        List<RunEvent> second = new CopyOnWriteArrayList<>();
        try (Database db = RunnerFixture.open(name)) {
            RunResult r = new Runner(db, RunOptions.defaults(), GateHandler.autoConfirm("ci"), new BatchedBackfill(),
                    second::add).resume(runId, plan, file, new RunControl());
            assertEquals(RunStatus.SUCCEEDED, r.status(), r.message());
        }
        assertEquals("0", RunnerFixture.one(name, "SELECT count(*) FROM articles_article WHERE summary IS NULL"));
        assertEquals("40000", RunnerFixture.one(name, "SELECT sum(rows_done) FROM phasewise.backfill_ranges"));
        RunEvent.BackfillProgress last = second.stream().filter(e -> e instanceof RunEvent.BackfillProgress)
                .map(e -> (RunEvent.BackfillProgress) e).reduce((a, b) -> b).orElseThrow();
        assertEquals("done", last.state());
        assertEquals(40_000, last.rowsDone(), "the resumed job counts the rows of both runs");
    }
}
