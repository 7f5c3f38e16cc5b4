package dev.phasewise.run;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RunnerCoalescingListenerTest {
    private static RunEvent.BackfillProgress progress(long rows, String state) {
        return new RunEvent.BackfillProgress("r", Instant.EPOCH, "b", rows, 1000, 10, Duration.ZERO, 10,
                Duration.ofMillis(5), Duration.ofMillis(5), 0, state);
    }

    @Test
    void progressIsThrottledOtherKindsNeverDroppedAndTheLastFiguresKept() {
        AtomicLong now = new AtomicLong();
        List<RunEvent> got = new ArrayList<>();
        CoalescingListener l = new CoalescingListener(got::add, 10, now::get); // one per 100 ms
        for (int i = 1; i <= 100; i++) {
            now.addAndGet(5_000_000); // 5 ms apart: 200 events/s
            l.accept(progress(i, "running"));
            if (i == 50) {
                l.accept(new RunEvent.StepRetrying("r", Instant.EPOCH, "b", "b/batches", 1, Duration.ZERO, "x"));
            }
        }
        l.accept(progress(100, "done"));
        long progressEvents = got.stream().filter(e -> e instanceof RunEvent.BackfillProgress).count();
        assertTrue(progressEvents <= 8 && progressEvents >= 5, "forwarded " + progressEvents);
        assertEquals(1, got.stream().filter(e -> e instanceof RunEvent.StepRetrying).count());
        int retry = got.indexOf(got.stream().filter(e -> e instanceof RunEvent.StepRetrying).findFirst().orElseThrow());
        assertEquals(50, ((RunEvent.BackfillProgress) got.get(retry - 1)).rowsDone(),
                "the held progress goes out before the other event, in order");
        assertEquals("done", ((RunEvent.BackfillProgress) got.get(got.size() - 1)).state());
    }

    @Test
    void eventsBecomeJsonLines() {
        String json = EventJson.toJson(new RunEvent.StepRetrying("r1", Instant.parse("2026-01-02T03:04:05Z"), "s",
                "s/add", 2, Duration.ofMillis(750), "lock"));
        assertEquals("{\"event\":\"step-retrying\",\"run_id\":\"r1\",\"at\":\"2026-01-02T03:04:05Z\",\"step_id\":\"s\","
                + "\"action_id\":\"s/add\",\"attempt\":2,\"backoff_ms\":750,\"reason\":\"lock\"}", json);
    }
}
