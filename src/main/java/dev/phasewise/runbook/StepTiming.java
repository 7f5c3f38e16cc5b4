package dev.phasewise.runbook;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One step of a rehearsal run.
 *
 * @param stepId     the plan step's id
 * @param status     {@code done}, {@code failed}, {@code skipped}, {@code rolled_back}, {@code running} or
 *                   {@code interrupted} (a run whose runner is gone: killed, or its machine lost)
 * @param durationMs wall time of the step, retries included
 * @param attempts   how many times it was started (1 when it never retried)
 * @param lockWaits  how many attempts gave up at lock_timeout
 * @param error      the last error, or null
 * @param backfill   for backfill steps, the batch statistics; else null
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record StepTiming(@JsonProperty("step_id") String stepId,
                         @JsonProperty("status") String status,
                         @JsonProperty("duration_ms") long durationMs,
                         @JsonProperty("attempts") int attempts,
                         @JsonProperty("lock_waits") int lockWaits,
                         @JsonProperty("error") String error,
                         @JsonProperty("backfill") BackfillTiming backfill) {

    public StepTiming {
        status = status == null ? "done" : status;
        attempts = Math.max(attempts, 1);
    }

    public int retries() {
        return attempts - 1;
    }
}
