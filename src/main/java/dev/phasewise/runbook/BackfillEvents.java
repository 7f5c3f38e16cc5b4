package dev.phasewise.runbook;

import dev.phasewise.run.RunEvent;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What a backfill step's logged progress says about it. Each execution of the step (a run, a retry of the
 * step, a resume: each begins with the step's {@link RunEvent.StepStarted}) counts its own batches, retries
 * and batch p99 from zero, so these add up over executions (p99: the worst execution's). The log holds every
 * change of state and, while running, a point every few seconds or percent; the time spent running batches is
 * the sum of the intervals that begin in state {@code running}, so start-up, pauses, guard waits and back-offs
 * are left out of the rate while running.
 *
 * @param batches              batch transactions committed, over every execution; 0 when not known (a log
 *                             written before progress counted batches)
 * @param retries              batch attempts retried, over every execution
 * @param batchP99Ms           the 99th percentile of a batch transaction's duration; null when no batch ran
 * @param samples              the rate over time, from the progress logged while running
 * @param runningRowsPerSecond rows changed while running / the time running; null when nothing ran
 */
record BackfillEvents(long batches, int retries, Long batchP99Ms, List<BackfillTiming.Sample> samples,
                      Double runningRowsPerSecond) {

    static BackfillEvents of(String stepId, List<RunEvent> events) {
        long batches = 0;
        int retries = 0;
        Long p99 = null;
        List<BackfillTiming.Sample> samples = new ArrayList<>();
        Instant first = null;
        long runningMillis = 0;
        long runningRows = 0;
        Execution current = new Execution();
        RunEvent.BackfillProgress previous = null;
        List<Execution> executions = new ArrayList<>(List.of(current));
        for (RunEvent e : events) {
            if (e instanceof RunEvent.StepStarted s && stepId.equals(s.stepId())) {
                current = new Execution();
                executions.add(current);
                previous = null; // the time between two executions is not time running
                continue;
            }
            if (!(e instanceof RunEvent.BackfillProgress p) || !stepId.equals(p.stepId())) {
                continue;
            }
            if (first == null) {
                first = p.at();
            }
            if (previous != null && "running".equals(previous.state())) {
                runningMillis += Math.max(0, Duration.between(previous.at(), p.at()).toMillis());
                runningRows += Math.max(0, p.rowsDone() - previous.rowsDone());
            }
            previous = p;
            current.batches = Math.max(current.batches, p.batches());
            current.retries = Math.max(current.retries, p.retries());
            if (p.batchP99() != null && p.batchP99().toMillis() > 0) {
                current.p99 = p.batchP99().toMillis(); // the execution's p99 so far: its last is the execution's
            }
            if ("running".equals(p.state()) && !Double.isNaN(p.rowsPerSecond())) {
                samples.add(new BackfillTiming.Sample(Duration.between(first, p.at()).toMillis() / 1000.0,
                        p.rowsPerSecond()));
            }
        }
        for (Execution x : executions) {
            batches += x.batches;
            retries += x.retries;
            if (x.p99 != null) {
                p99 = p99 == null ? x.p99 : Math.max(p99, x.p99);
            }
        }
        Double running = runningMillis <= 0 ? null : runningRows * 1000.0 / runningMillis;
        return new BackfillEvents(batches, retries, p99, samples, running);
    }

    private static final class Execution {
        long batches;
        int retries;
        Long p99;
    }
}
