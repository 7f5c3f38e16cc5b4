package dev.phasewise.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.phasewise.plan.Phase;
import dev.phasewise.run.backfill.BackfillProgress;
import dev.phasewise.run.backfill.BackfillState;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Events are written and read through one model: what is written reads back as the same record. */
class EventJsonTest {
    private static final Instant T = Instant.parse("2026-01-02T03:04:05.123Z");

    @Test
    void everyEventReadsBackAsItWasWrittenUnderTheKindItsLogRowCarries() {
        RunEvent.Blocker blocker = new RunEvent.Blocker(42, "app", "web", "idle in transaction",
                Duration.ofSeconds(3), "SELECT 1");
        List<RunEvent> events = List.of(
                new RunEvent.RunStarted("r", T, "plan", "p.yaml", "db", true, 3, 4),
                new RunEvent.StepStarted("r", T, Phase.BACKFILL, "s", "s/a", "title", "UPDATE x", true, 2),
                new RunEvent.StepRetrying("r", T, "s", "s/a", 1, Duration.ofMillis(750),
                        "lock not granted within lock_timeout (55P03): canceling statement due to lock timeout"),
                new RunEvent.StepBlocked("r", T, "s", "s/a", Duration.ofMillis(1500), List.of(blocker)),
                new RunEvent.BlockersCancelled("r", T, "s", "s/a", List.of(blocker)),
                new RunEvent.InvalidIndexCleaned("r", T, "s", "s/a", "ix", "why"),
                new RunEvent.StepVerified("r", T, "s", true, "ok"),
                new RunEvent.StepFinished("r", T, "s", Duration.ofMillis(12), 2, true, false),
                new RunEvent.StepSkipped("r", T, Phase.CONTRACT, "s", "asked"),
                new RunEvent.StepFailed("r", T, "s", "s/a", "SQL", "55P03", "msg", false),
                new RunEvent.GateReached("r", T, Phase.EXPAND, "Deploy 1", List.of("a", "b"), List.of("a")),
                new RunEvent.GateConfirmed("r", T, Phase.EXPAND, "a", "ci"),
                new RunEvent.BackfillProgress("r", T, "s", 5000, 50_000, 12_345.5, Duration.ofSeconds(4), 5000,
                        Duration.ofMillis(80), Duration.ofMillis(95), 1, "running", Duration.ofSeconds(2),
                        Duration.ofMillis(20), 7),
                new RunEvent.BackfillProgress("r", T, "s", 0, -1, Double.NaN, null, 5000, null, null, 0,
                        "starting"),
                new RunEvent.BackfillNote("r", T, "s", "pacing", "slower"),
                new RunEvent.RunFinished("r", T, RunStatus.WAITING_AT_GATE, Duration.ofSeconds(9), null));
        assertEquals(RunEvent.class.getPermittedSubclasses().length, events.stream().map(Object::getClass)
                .distinct().count(), "every kind of event is tried");
        for (RunEvent e : events) {
            String json = EventJson.toJson(e);
            assertTrue(json.startsWith("{\"event\":\"" + e.kind() + "\","), json);
            RunEvent back = EventJson.fromJson(json).orElseThrow(() -> new AssertionError("not read: " + json));
            if (e instanceof RunEvent.BackfillProgress p && Double.isNaN(p.rowsPerSecond())) {
                assertTrue(json.contains("\"rows_per_second\":null"), json);
                assertTrue(Double.isNaN(((RunEvent.BackfillProgress) back).rowsPerSecond()), json);
                assertEquals(e.toString(), back.toString(), json); // NaN != NaN in a record's equals
            } else {
                assertEquals(e, back, json);
            }
        }
        assertEquals("step-retrying", EventJson.kind(RunEvent.StepRetrying.class));
        assertEquals("backfill-progress", EventJson.kind(RunEvent.BackfillProgress.class));
        assertTrue(EventJson.toJson(events.get(events.size() - 1)).contains("\"status\":\"waiting-at-gate\""));
    }

    @Test
    void aProgressRowWrittenBeforeBatchesWereCountedStillReads() {
        // as EventJson wrote it before it was a Jackson model: the same shape, without "batches"
        String old = "{\"event\":\"backfill-progress\",\"run_id\":\"r\",\"at\":\"2026-01-02T03:04:05Z\",\"step_id\":\"s\","
                + "\"rows_done\":50000,\"total_estimate\":50000,\"rows_per_second\":32528.4,\"eta_ms\":0,\"batch_size\":5000,"
                + "\"batch_latency_ms\":41,\"batch_p99_ms\":57,\"retries\":0,\"state\":\"done\",\"elapsed_ms\":2205,"
                + "\"since_commit_ms\":null}";
        RunEvent.BackfillProgress p = (RunEvent.BackfillProgress) EventJson.fromJson(old).orElseThrow();
        assertEquals(50_000, p.rowsDone());
        assertEquals(Duration.ofMillis(57), p.batchP99());
        assertEquals("done", p.state());
        assertEquals(null, p.sinceCommit());
        assertEquals(0, p.batches());
        assertTrue(EventJson.fromJson("{\"event\":\"a-kind-from-a-later-version\",\"run_id\":\"r\"}").isEmpty());
    }

    @Test
    void aProgressRowWrittenWithTheOldNamesReadsUnderTheNewOnes() {
        // batch_size and batch_latency_ms: what run events called batch_rows and last_batch_ms before
        String old = "{\"event\":\"backfill-progress\",\"run_id\":\"r\",\"at\":\"2026-01-02T03:04:05Z\",\"step_id\":\"s\","
                + "\"rows_done\":5000,\"total_estimate\":50000,\"rows_per_second\":1000.0,\"eta_ms\":45000,\"batch_size\":2500,"
                + "\"batch_latency_ms\":41,\"batch_p99_ms\":57,\"retries\":0,\"state\":\"running\",\"elapsed_ms\":5000,"
                + "\"since_commit_ms\":12,\"batches\":2}";
        RunEvent.BackfillProgress p = (RunEvent.BackfillProgress) EventJson.fromJson(old).orElseThrow();
        assertEquals(2500, p.batchRows());
        assertEquals(Duration.ofMillis(41), p.lastBatch());
        assertEquals(Duration.ofSeconds(45), p.eta());
        String now = EventJson.toJson(p);
        assertTrue(now.contains("\"batch_rows\":2500,\"last_batch_ms\":41,"), now);
        assertTrue(!now.contains("batch_size") && !now.contains("batch_latency"), now);
    }

    @Test
    void theCliProgressLineAndTheRunEventCarryTheSameFiguresUnderTheSameNames() throws Exception {
        BackfillProgress engine = new BackfillProgress("cli/t/1", BackfillState.WAITING, 5000, 20_000, 1234.5,
                Duration.ofMillis(12_150), 2500, 80, 60, 95, 2, 1, "replica lag 3 s > 1 s", 2, Duration.ofSeconds(4),
                Duration.ofMillis(700));
        ObjectMapper json = new ObjectMapper();
        JsonNode line = json.readTree(EventJson.progressLine(engine));
        JsonNode event = json.readTree(EventJson.toJson(RunEvent.BackfillProgress.of("r", T, "s", engine)));
        assertEquals("progress", line.get("event").asText());
        assertEquals("cli/t/1", line.get("job").asText());
        int shared = 0;
        for (Map.Entry<String, JsonNode> f : event.properties()) {
            if (!List.of("event", "run_id", "at", "step_id").contains(f.getKey())) {
                assertEquals(f.getValue(), line.get(f.getKey()), f.getKey() + " in " + line + " and " + event);
                shared++;
            }
        }
        assertEquals(12, shared, event.toString());
        assertEquals(12_150, line.get("eta_ms").asLong());
        assertEquals(2500, line.get("batch_rows").asInt());
        assertEquals(80, line.get("last_batch_ms").asLong());
        assertEquals("waiting", line.get("state").asText());
        // what only the engine knows, in the same style
        assertEquals(60, line.get("batch_p50_ms").asLong());
        assertEquals(2, line.get("workers").asInt());
        assertEquals("replica lag 3 s > 1 s", line.get("wait_reason").asText());
    }

    @Test
    void aLockTimeoutRetryIsToldFromOtherRetries() {
        RunEvent.StepRetrying lock = (RunEvent.StepRetrying) EventJson.fromJson("{\"event\":\"step-retrying\","
                + "\"run_id\":\"r\",\"at\":\"2026-01-02T03:04:05Z\",\"step_id\":\"s\",\"action_id\":\"s/a\",\"attempt\":1,"
                + "\"backoff_ms\":750,\"reason\":\"lock not granted within lock_timeout (55P03): canceling statement"
                + " due to lock timeout\"}").orElseThrow();
        assertTrue(lock.lockTimeout());
        assertTrue(!new RunEvent.StepRetrying("r", T, "s", "s/a", 1, Duration.ZERO, "deadlock (40P01): x").lockTimeout());
    }
}
