package dev.phasewise.ui.app;

import dev.phasewise.plan.Plan;
import dev.phasewise.ui.conn.Connection;

/**
 * The seam for runs: what the toolbar's Run / Pause / Cancel call. The runner
 * ({@code dev.phasewise.run}) is wired in by implementing this and calling
 * {@link MainViewModel#setRunControls}; until then the buttons stay disabled. The runner's events
 * come back through {@link MainViewModel#stepStatuses()} and
 * {@link MainViewModel#backfillProgressProperty()}, set on the FX thread (coalesced).
 */
public interface RunControls {
    /** No runner: the buttons are disabled with "runs arrive with the runner". */
    RunControls NONE = new RunControls() {
        @Override
        public void run(Plan plan, Connection connection) {
        }

        @Override
        public void pause() {
        }

        @Override
        public void cancel() {
        }
    };

    /** Starts a run of the plan on the connection (a staging one: the guard has said so); must not block. */
    void run(Plan plan, Connection connection);

    /** Starts a run of one step of the plan alone, with its verification; must not block. */
    default void runStep(Plan plan, String stepId, Connection connection) {
    }

    /** Continues a run that stopped before its end (done steps stay done, confirmed gates stay confirmed); must not block. */
    default void resume(Plan plan, String runId, Connection connection) {
    }

    /** Skips (or stops skipping) a step: recorded for the next run, and passed to a run under way. */
    default void skip(String stepId, boolean skip) {
    }

    void pause();

    void cancel();
}
