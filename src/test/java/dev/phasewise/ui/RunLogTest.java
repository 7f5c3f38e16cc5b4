package dev.phasewise.ui;

import dev.phasewise.plan.Phase;
import dev.phasewise.run.RunEvent;
import dev.phasewise.ui.run.RunLog;
import dev.phasewise.ui.run.RunLogLines;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The run log without a display: bounded lines, and a backfill summarised instead of one line per batch. */
class RunLogTest {
    private static final Instant T = Instant.parse("2026-01-01T10:00:00Z");

    @Test
    void theLogKeepsOnlyTheNewestLinesUpToItsCapacity() {
        RunLog log = new RunLog(100);
        for (int i = 0; i < 250; i++) {
            log.append("line " + i);
        }
        assertEquals(100, log.lines().size());
        assertEquals("line 150", log.lines().get(0));
        assertEquals("line 249", log.lines().get(99));
        List<String> many = new ArrayList<>();
        for (int i = 0; i < 130; i++) {
            many.add("batch " + i);
        }
        log.append(many);
        assertEquals(100, log.lines().size());
        assertEquals("batch 30", log.lines().get(0));
        assertEquals(RunLog.DEFAULT_CAPACITY, new RunLog().capacity());
    }

    @Test
    void aBackfillOfManyBatchesIsSummarisedByTenthsAndStateChanges() {
        RunLogLines lines = new RunLogLines();
        List<String> out = new ArrayList<>();
        for (int batch = 0; batch <= 1000; batch++) {
            String state = batch == 1000 ? "done" : batch >= 400 && batch < 450 ? "paused" : "running";
            out.add(lines.line(new RunEvent.BackfillProgress("r", T.plusMillis(batch), "fill", batch * 100L, 100_000,
                    5000, Duration.ofSeconds(3), 100, Duration.ofMillis(20), Duration.ofMillis(40), 0, state)));
        }
        List<String> logged = out.stream().filter(Objects::nonNull).toList();
        // running at 0 %, each further tenth, paused once, running again, done
        assertTrue(logged.size() >= 12 && logged.size() <= 14, logged.size() + ": " + String.join("\n", logged));
        assertEquals(1, logged.stream().filter(l -> l.contains("fill paused")).count());
        assertTrue(logged.get(logged.size() - 1).contains("backfill fill done: 100,000 of ~100,000 rows"),
                logged.get(logged.size() - 1));
    }

    @Test
    void stepLinesSayWhatHappenedWithSqlStateAndDuration() {
        RunLogLines lines = new RunLogLines();
        String started = lines.line(new RunEvent.StepStarted("r", T, Phase.EXPAND, "add-col", "add-col.1", "add",
                "ALTER TABLE t ADD COLUMN c int", true, 1));
        assertTrue(started.endsWith("step add-col started (expand, add-col.1): ALTER TABLE t ADD COLUMN c int"), started);
        String retry = lines.line(new RunEvent.StepRetrying("r", T, "add-col", "add-col.1", 1, Duration.ofMillis(750),
                "lock not granted within lock_timeout (55P03): canceling statement due to lock timeout"));
        assertTrue(retry.contains("attempt 1 failed, retry in 750 ms") && retry.contains("55P03"), retry);
        String done = lines.line(new RunEvent.StepFinished("r", T, "add-col", Duration.ofMillis(42), 2, true, false));
        assertTrue(done.endsWith("step add-col done in 42 ms (2 attempts)"), done);
        String failed = lines.line(new RunEvent.StepFailed("r", T, "add-col", "add-col.1", "x", "23505",
                "could not create unique index", false));
        assertTrue(failed.endsWith("step add-col FAILED at add-col.1 [23505]: could not create unique index"), failed);
    }
}
