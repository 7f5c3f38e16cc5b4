package dev.phasewise.ui.window;

import dev.phasewise.plan.Plan;
import dev.phasewise.ui.conn.ConnectedDatabase;

/**
 * What the toolbar's Run / Pause / Cancel reach once {@link RunRequests} has checked the request:
 * the window wires the runner in ({@code PlanRunControls}) through {@link RunRequests#setControls};
 * until then the buttons stay disabled. The runner's events come back through
 * {@link RunRequests#stepStatuses()} and {@link RunRequests#backfillProgressProperty()}, set on the
 * FX thread (coalesced).
 */
public interface RunControls {
    /** No runner wired: the run buttons are disabled. */
    RunControls NONE = new RunControls() {
        @Override
        public void run(Plan plan, ConnectedDatabase connection) {
        }

        @Override
        public void pause() {
        }

        @Override
        public void cancel() {
        }
    };

    /** Starts a run of the plan on the connection (a staging one: the guard has said so); must not block. */
    void run(Plan plan, ConnectedDatabase connection);

    /** Starts a run of one step of the plan alone, with its verification; must not block. */
    default void runStep(Plan plan, String stepId, ConnectedDatabase connection) {
    }

    /** Continues a run that stopped before its end (done steps stay done, confirmed gates stay confirmed); must not block. */
    default void resume(Plan plan, String runId, ConnectedDatabase connection) {
    }

    /** Skips (or stops skipping) a step: recorded for the next run, and passed to a run under way. */
    default void skip(String stepId, boolean skip) {
    }

    void pause();

    void cancel();
}
