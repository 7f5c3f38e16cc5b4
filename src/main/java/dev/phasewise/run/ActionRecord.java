package dev.phasewise.run;

import dev.phasewise.plan.Phase;

import java.time.Instant;

/**
 * One row of phasewise.run_steps: one action of one step, in run order ({@code seq}). A step's
 * verification is recorded on every row of the step: {@code verified} true when its queries returned
 * true, false when they did not, null before it was verified or when the step has none
 * ({@code verificationResult} then says "no verification query").
 */
public record ActionRecord(int seq, Phase phase, String stepId, String actionId, String sql, boolean transactional,
                           StepStatus status, int attempts, Instant startedAt, Instant finishedAt, Long durationMs,
                           String error, Boolean verified, String verificationResult) {
}
