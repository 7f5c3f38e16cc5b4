package dev.phasewise.run;

/**
 * Ends the run here, with this status: thrown by the step, action and verification code through to the
 * runner, which records the status and message and finishes the run. An exception because every level
 * between (phases, steps, actions, attempts) must stop at once, and none of them has anything to add.
 */
final class RunStop extends Exception {
    final RunStatus status;

    RunStop(RunStatus status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    /** Waits while the run is paused; stops it when it was cancelled (or the runner's thread interrupted). */
    static void checkCancelAndPause(RunControl control) throws RunStop {
        try {
            control.awaitUnpaused();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RunStop(RunStatus.CANCELLED, "interrupted");
        }
        if (control.cancelled()) {
            throw new RunStop(RunStatus.CANCELLED, "cancelled before the next action");
        }
    }
}
