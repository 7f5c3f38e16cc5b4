package dev.phasewise.runbook;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;

/**
 * A rehearsed backfill: rows changed, the rate, the batches, and the rate over time.
 *
 * @param rows          rows updated
 * @param batches       batch transactions committed
 * @param rowsPerSecond rows / duration
 * @param durationMs    wall time, pauses included
 * @param retries       batches retried (lock timeout, dropped connection)
 * @param batchP99Ms    99th percentile of a batch transaction's duration (how long it held row locks)
 * @param samples       the rate over time, e.g. one sample every few seconds
 */
public record BackfillTiming(@JsonProperty("rows") long rows,
                             @JsonProperty("batches") long batches,
                             @JsonProperty("rows_per_second") double rowsPerSecond,
                             @JsonProperty("duration_ms") long durationMs,
                             @JsonProperty("retries") int retries,
                             @JsonProperty("batch_p99_ms") Long batchP99Ms,
                             @JsonProperty("samples") List<Sample> samples) {

    public BackfillTiming {
        samples = samples == null ? List.of() : List.copyOf(samples);
    }

    /** The rate at one moment of the backfill. */
    public record Sample(@JsonProperty("seconds") double secondsSinceStart,
                         @JsonProperty("rows_per_second") double rowsPerSecond) {
    }
}
