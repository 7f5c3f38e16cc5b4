package dev.phasewise.run;

import dev.phasewise.plan.steps.BatchedStep;
import dev.phasewise.run.backfill.BackfillControl;
import dev.phasewise.run.backfill.BackfillEvent;
import dev.phasewise.run.backfill.BackfillException;
import dev.phasewise.run.backfill.BackfillExecutor;
import dev.phasewise.run.backfill.BackfillJob;
import dev.phasewise.run.backfill.BackfillListener;
import dev.phasewise.run.backfill.BackfillOutcome;
import dev.phasewise.run.backfill.BackfillProgress;

import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The production backfill of a plan run: the step becomes a job of the keyset, checkpointed
 * executor ({@link BackfillExecutor}), whose id is the run's and the step's, so that a resumed run
 * continues the same job at its checkpoints. The run's pause, resume and cancel reach the
 * executor between batches; its progress becomes the run's {@link RunEvent.BackfillProgress}.
 *
 * <p>Batches keep the executor's own short timeouts (lock_timeout 500 ms, statement_timeout 30 s)
 * rather than the plan's, which are sized for DDL: a batch that cannot have its row locks at once
 * should back off, not queue.
 */
public final class BatchedBackfill implements BackfillRunner {
    private final int workers;

    public BatchedBackfill() {
        this(1);
    }

    /** @param workers parallel workers over disjoint key ranges (fixed when the job is first created) */
    public BatchedBackfill(int workers) {
        this.workers = workers;
    }

    @Override
    public StepOutcome run(RunContext ctx, BatchedStep step, Consumer<RunEvent> events) {
        BackfillJob job = BackfillJob.from(step, ctx.runId()).toBuilder().workers(workers).build();
        BackfillControl control = new BackfillControl();
        ScheduledExecutorService bridge = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "phasewise-run-control");
            t.setDaemon(true);
            return t;
        });
        // the run's control is polled: RunControl has no listeners, and a tenth of a second is well
        // inside a batch's duration
        bridge.scheduleWithFixedDelay(() -> {
            if (ctx.control().cancelled()) {
                if (!control.isCancelled()) {
                    control.cancel();
                }
            } else if (ctx.control().paused() != control.isPaused()) {
                if (ctx.control().paused()) {
                    control.pause();
                } else {
                    control.resume();
                }
            }
        }, 0, 100, TimeUnit.MILLISECONDS);
        BackfillListener listener = new BackfillListener() {
            @Override
            public void onProgress(BackfillProgress p) {
                events.accept(RunEvent.BackfillProgress.of(ctx.runId(), Instant.now(), step.id(), p));
            }

            @Override
            public void onEvent(BackfillEvent e) {
                // the step's own start and end are the runner's events already
                if (e.kind() != BackfillEvent.Kind.STARTED && e.kind() != BackfillEvent.Kind.FINISHED) {
                    events.accept(new RunEvent.BackfillNote(ctx.runId(), e.at(), step.id(),
                            e.kind().name().toLowerCase(Locale.ROOT), e.message()));
                }
            }
        };
        try {
            BackfillOutcome outcome = new BackfillExecutor(ctx.database()).execute(job, control, listener);
            if (outcome.done()) {
                return StepOutcome.done(outcome.rowsUpdated());
            }
            if (outcome.cancelled()) {
                return StepOutcome.cancelled(outcome.rowsUpdated());
            }
            BackfillException e = outcome.error();
            return StepOutcome.failed(e == null ? null : e.sqlState(),
                    e == null ? "the backfill stopped in state " + outcome.state() : e.getMessage());
        } catch (BackfillException e) {
            return StepOutcome.failed(e.sqlState(), e.getMessage());
        } finally {
            bridge.shutdownNow();
        }
    }
}
