package dev.phasewise.run;

import dev.phasewise.plan.steps.BatchedStep;

import java.util.function.Consumer;

/**
 * Runs a batched step (a backfill, or a batched delete): the runner hands the step over and expects it back done, cancelled or failed.
 * The production implementation is the batched, checkpointed executor of {@code dev.phasewise.run.backfill};
 * {@link SingleStatementBackfill} is the simple fallback for small tables. An implementation reports
 * {@link RunEvent.BackfillProgress} through {@code events}, honours {@link RunContext#control()} at batch
 * boundaries, and must be safe to call again for the same run after a crash (resume): it continues,
 * or redoes only rows that still match the step's filter.
 */
@FunctionalInterface
public interface BackfillRunner {
    StepOutcome run(RunContext ctx, BatchedStep step, Consumer<RunEvent> events);
}
