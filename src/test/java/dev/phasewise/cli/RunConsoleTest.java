package dev.phasewise.cli;

import dev.phasewise.run.RunEvent;
import dev.phasewise.run.RunStatus;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 13: {@code phasewise run} in a CI log printed "backfill 0 rows · 0 rows/s (starting)" 21 times, then
 * nothing until 100 %. The engine repeats its figures about 20 times a second; the events carry their own
 * clock, so a minute of backfill is replayed here without waiting.
 */
class RunConsoleTest {
    private static final Instant T0 = Instant.parse("2026-01-02T03:04:05Z");
    private static final long TOTAL = 600_000;

    private static RunEvent.BackfillProgress progress(long millis, long rows, String state) {
        return new RunEvent.BackfillProgress("r", T0.plusMillis(millis), "fill", rows, TOTAL,
                state.equals("running") ? 10_000 : 0, Duration.ofMillis(Math.max(0, (TOTAL - rows) / 10)), 5000,
                Duration.ofMillis(40), Duration.ofMillis(60), 0, state, Duration.ofMillis(millis), Duration.ZERO);
    }

    /** The log of a one-minute backfill: a second starting, 60 s running (an event every 50 ms), then done. */
    private static List<String> log(boolean terminal) {
        StringWriter text = new StringWriter();
        try (RunConsole console = new RunConsole(new PrintWriter(text, true), false, terminal)) {
            console.accept(new RunEvent.RunStarted("r", T0, "plan", "p.yaml", "db", false, 1, 1));
            long t = 0;
            for (int i = 0; i < 21; i++, t += 50) {
                console.accept(progress(t, 0, "starting"));
            }
            for (long rows = 0; rows < TOTAL; rows += 500, t += 50) {
                console.accept(progress(t, rows, "running"));
            }
            console.accept(progress(t, TOTAL, "done"));
            console.accept(new RunEvent.RunFinished("r", T0.plusMillis(t), RunStatus.SUCCEEDED,
                    Duration.ofMillis(t), null));
        }
        return text.toString().lines().map(l -> l.replaceAll(".*\r", "").replaceAll("\033\\[K", ""))
                .filter(l -> !l.isBlank()).toList();
    }

    @Test
    void withoutATerminalABackfillPrintsAProgressLineEveryFewSecondsAndItsEnd() {
        List<String> lines = log(false);
        List<String> progress = lines.stream().filter(l -> l.contains("backfill")).toList();
        assertEquals(1, progress.stream().filter(l -> l.endsWith("(starting)")).count(), String.join("\n", lines));
        List<String> running = progress.stream().filter(l -> !l.endsWith(")")).toList();
        // 60 s running, a line at most every 5 s: 12 or 13 lines (the first as it starts running)
        assertTrue(running.size() >= 12 && running.size() <= 13, String.join("\n", lines));
        // 10,000 rows/s: the second line 5 s after the first
        assertTrue(running.get(0).contains(" 0 rows") && running.get(1).contains(" 50,000 rows"), running.toString());
        assertTrue(progress.get(progress.size() - 1).contains("100 % 600,000 rows"), String.join("\n", lines));
        assertTrue(progress.get(progress.size() - 1).endsWith("(done)"), String.join("\n", lines));
        for (int i = 1; i < lines.size(); i++) {
            assertNotEquals(lines.get(i - 1), lines.get(i), "the same line twice in a row");
        }
        assertTrue(lines.get(lines.size() - 1).startsWith("Run r succeeded"), String.join("\n", lines));
    }

    @Test
    void onATerminalTheRunningFiguresStayOnTheBarAndStatesPrintOnce() {
        List<String> lines = log(true).stream().filter(l -> l.startsWith("  backfill")).toList();
        assertEquals(List.of("(starting)", "(done)"), lines.stream().map(l -> l.substring(l.lastIndexOf('('))).toList(),
                String.join("\n", lines));
    }
}
