package dev.phasewise.run.backfill;

/**
 * How many rows a worker's next batch takes. A fixed size (batchRows) stays as it is, except that
 * it halves after each statement timeout and stays halved for the run; a target duration (batchMs)
 * makes the size follow how long batches take, damped so that one slow batch (a checkpoint, a
 * vacuum) does not halve it. The sizes set live through {@link BackfillControl} win over the job's;
 * pacing by write impact may cap the target duration. One per worker: each range has its own rows
 * and its own timings.
 */
final class BatchSizing {
    private static final int INITIAL_ADAPTIVE_ROWS = 1000;

    private final BackfillRun run;
    private int size;
    private int shrink;
    private int generation = -1;

    BatchSizing(BackfillRun run) {
        this.run = run;
    }

    /**
     * How batches are sized now: a fixed size (targetMs null) or a size adapting to targetMs, at most
     * maxRows. Pacing by write impact may cap the target duration; a fixed size then becomes the
     * adaptive size's upper bound, as a batch of that size may take longer than the pacing allows.
     */
    private record Sizing(Integer fixedRows, Integer targetMs, int maxRows) {
    }

    private Sizing sizing() {
        BackfillControl control = run.control;
        Integer fixed = control.batchRowsOverride();
        Integer target = control.batchMsOverride();
        if (fixed == null && target == null) {
            fixed = run.job.batchRows();
            target = run.job.batchMs();
        }
        WriteImpactPacing pacing = run.pacing;
        Integer cap = pacing == null ? null : pacing.current().batchMs();
        if (cap == null) {
            return new Sizing(fixed, target, run.job.maxBatchRows());
        }
        if (fixed != null) {
            return new Sizing(null, cap, Math.max(run.job.minBatchRows(), fixed));
        }
        return new Sizing(null, Math.min(target, cap), run.job.maxBatchRows());
    }

    /** The rows of the next batch. */
    int next() {
        BackfillControl control = run.control;
        Sizing sizing = sizing();
        if (sizing.targetMs() == null) {
            int fixed = sizing.fixedRows();
            // a fixed size shrinks only after statement timeouts, and stays shrunk for this run
            size = Math.max(Math.min(run.job.minBatchRows(), fixed), fixed >> shrink);
            return size;
        }
        if (generation != control.sizeGeneration() || size <= 0) {
            generation = control.sizeGeneration();
            size = Math.max(run.job.minBatchRows(), Math.min(sizing.maxRows(), INITIAL_ADAPTIVE_ROWS));
        }
        size = Math.min(size, sizing.maxRows());
        return size;
    }

    /** A batch committed after {@code millis}: an adaptive size moves towards the target duration. */
    void took(long millis) {
        Sizing sizing = sizing();
        Integer target = sizing.targetMs();
        if (target == null) {
            return;
        }
        double factor = Math.max(0.5, Math.min(2.0, target / (double) Math.max(1, millis)));
        // move part of the way, so one slow batch (a checkpoint, a vacuum) does not halve the size
        double damped = 1 + (factor - 1) * 0.5;
        size = (int) Math.max(run.job.minBatchRows(), Math.min(sizing.maxRows(), Math.round(size * damped)));
    }

    /** A batch hit statement_timeout: the next ones are half as big (not below minBatchRows). */
    void timedOut() {
        if (size > run.job.minBatchRows()) {
            size = Math.max(run.job.minBatchRows(), size / 2);
            shrink = Math.min(shrink + 1, 20);
        }
    }
}
