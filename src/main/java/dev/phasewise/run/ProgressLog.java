package dev.phasewise.run;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * Which {@link RunEvent.BackfillProgress} events go into the run's event log. The engine reports many (after
 * every batch, and its last figures again about 20 times a second between batches); the log keeps what a
 * runbook needs: every change of state (so the time spent running batches can be told from start-up, pauses
 * and waits), and while running, one every {@link #INTERVAL} or every {@link #STEP} of the total, whichever
 * comes first (enough points for a rate chart even of a backfill that takes two seconds, and bounded: at
 * most 1 / STEP + duration / INTERVAL rows). Every other event is always logged.
 */
final class ProgressLog {
    static final Duration INTERVAL = Duration.ofSeconds(2);
    static final double STEP = 0.05;

    private record Logged(String state, Instant at, long rows) {
    }

    private final Map<String, Logged> last = new HashMap<>();

    /** Whether to log {@code e}; remembers it when so. Called on the runner's and the backfill engine's threads. */
    synchronized boolean keep(RunEvent e) {
        if (!(e instanceof RunEvent.BackfillProgress p)) {
            if (e instanceof RunEvent.StepStarted s) {
                last.remove(s.stepId()); // a new execution of the step: its first progress is a change
            }
            return true;
        }
        Logged before = last.get(p.stepId());
        boolean keep = before == null || !before.state().equals(p.state())
                || "running".equals(p.state()) && (Duration.between(before.at(), p.at()).compareTo(INTERVAL) >= 0
                || p.totalEstimate() > 0 && p.rowsDone() - before.rows() >= STEP * p.totalEstimate());
        if (keep) {
            last.put(p.stepId(), new Logged(p.state(), p.at(), p.rowsDone()));
        }
        return keep;
    }
}
