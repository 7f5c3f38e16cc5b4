package dev.phasewise.runbook;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;

/**
 * A rehearsed backfill: rows changed, the rate, the batches, and the rate over time.
 *
 * @param rows          rows updated
 * @param batches       batch transactions committed
 * @param rowsPerSecond rows / duration: the rate over the step's wall time, start-up, pauses and waits included
 * @param durationMs    wall time, pauses included
 * @param retries       batches retried (lock timeout, dropped connection)
 * @param batchP99Ms    99th percentile of a batch transaction's duration (how long it held row locks)
 * @param samples       the rate over time, e.g. one sample every few seconds
 * @param runningRowsPerSecond rows / the time the backfill spent running batches (start-up, pauses, guard
 *                      waits and back-offs excluded): the rate the run's progress showed; null when unknown
 */
public record BackfillTiming(@JsonProperty("rows") long rows,
                             @JsonProperty("batches") long batches,
                             @JsonProperty("rows_per_second") double rowsPerSecond,
                             @JsonProperty("duration_ms") long durationMs,
                             @JsonProperty("retries") int retries,
                             @JsonProperty("batch_p99_ms") Long batchP99Ms,
                             @JsonProperty("samples") List<Sample> samples,
                             @JsonProperty("running_rows_per_second") Double runningRowsPerSecond) {

    public BackfillTiming {
        samples = samples == null ? List.of() : List.copyOf(samples);
    }

    /** A backfill whose time running batches is not known apart from its wall time. */
    public BackfillTiming(long rows, long batches, double rowsPerSecond, long durationMs, int retries, Long batchP99Ms,
                          List<Sample> samples) {
        this(rows, batches, rowsPerSecond, durationMs, retries, batchP99Ms, samples, null);
    }

    /**
     * The rate to hold production to, as the run's progress showed it: while batches ran when known, else over
     * the wall time. The chart's samples, its mean line and the abort floor use it.
     */
    @JsonIgnore
    public double liveRowsPerSecond() {
        return runningRowsPerSecond != null ? runningRowsPerSecond : rowsPerSecond;
    }

    /** The rate at one moment of the backfill. */
    public record Sample(@JsonProperty("seconds") double secondsSinceStart,
                         @JsonProperty("rows_per_second") double rowsPerSecond) {
    }
}
