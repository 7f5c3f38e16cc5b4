package dev.phasewise.run;

import dev.phasewise.plan.Phase;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What of a backfill's progress goes into the run's event log: bounded, and enough for a runbook. */
class ProgressLogTest {
    private static final Instant T0 = Instant.parse("2026-01-02T03:04:05Z");

    private static RunEvent.BackfillProgress at(long millis, long rows, String state) {
        return new RunEvent.BackfillProgress("r", T0.plusMillis(millis), "fill", rows, 100_000, 1000, null, 100,
                null, null, 0, state, Duration.ofMillis(millis), null, rows / 100);
    }

    @Test
    void statesOnceRunningEveryFivePercentOrTwoSecondsOtherEventsAlways() {
        ProgressLog log = new ProgressLog();
        List<RunEvent.BackfillProgress> kept = new ArrayList<>();
        long t = 0;
        for (int i = 0; i < 20; i++, t += 50) { // the engine repeats "starting" 20 times a second
            if (log.keep(at(t, 0, "starting"))) {
                kept.add(at(t, 0, "starting"));
            }
        }
        // fast: 1,000 rows every 50 ms (5 % every 250 ms), for 2.5 s
        for (long rows = 0; rows <= 50_000; rows += 1000, t += 50) {
            RunEvent.BackfillProgress p = at(t, rows, "running");
            if (log.keep(p)) {
                kept.add(p);
            }
        }
        for (int i = 0; i < 100; i++, t += 50) { // paused 5 s
            if (log.keep(at(t, 50_000, "paused"))) {
                kept.add(at(t, 50_000, "paused"));
            }
        }
        // slow: 10 rows every 50 ms for 10 s: a point every 2 s
        for (long rows = 50_010; rows < 52_000; rows += 10, t += 50) {
            RunEvent.BackfillProgress p = at(t, rows, "running");
            if (log.keep(p)) {
                kept.add(p);
            }
        }
        assertTrue(log.keep(at(t, 100_000, "done")));
        assertEquals(1, kept.stream().filter(p -> p.state().equals("starting")).count());
        assertEquals(1, kept.stream().filter(p -> p.state().equals("paused")).count());
        List<RunEvent.BackfillProgress> fast = kept.stream().filter(p -> p.state().equals("running")
                && p.rowsDone() <= 50_000).toList();
        assertEquals(11, fast.size(), fast.toString()); // 0, 5,000, ..., 50,000
        long slow = kept.stream().filter(p -> p.state().equals("running") && p.rowsDone() > 50_000).count();
        assertTrue(slow >= 5 && slow <= 6, slow + " points in 10 s: " + kept);
        assertTrue(log.keep(new RunEvent.StepStarted("r", T0, Phase.BACKFILL, "fill", "fill/a", "t", "sql", true, 2)));
        assertTrue(log.keep(at(t + 10, 0, "starting")), "a new execution of the step starts a new record");
    }
}
