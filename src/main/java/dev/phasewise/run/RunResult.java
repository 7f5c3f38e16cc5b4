package dev.phasewise.run;

import java.util.List;

/** How a run (or a resume) ended, with every action's final row. */
public record RunResult(String runId, RunStatus status, String message, List<ActionRecord> actions) {
    public boolean succeeded() {
        return status == RunStatus.SUCCEEDED;
    }
}
