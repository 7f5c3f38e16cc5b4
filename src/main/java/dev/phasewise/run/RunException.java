package dev.phasewise.run;

import java.util.List;

/**
 * A run that could not start or resume, before anything was written: the database is not staging, the
 * plan is unusable here (pre-flight), the plan changed since the run began, the run is unknown, finished,
 * or being run by someone else right now.
 */
public final class RunException extends RuntimeException {
    public enum Reason { REFUSED, PLAN_INVALID, PLAN_CHANGED, UNKNOWN_RUN, NOT_RESUMABLE, BUSY }

    private final Reason reason;
    private final List<String> problems;

    public RunException(Reason reason, String message) {
        this(reason, List.of(message));
    }

    public RunException(Reason reason, List<String> problems) {
        super(String.join("\n", problems));
        this.reason = reason;
        this.problems = List.copyOf(problems);
    }

    public Reason reason() {
        return reason;
    }

    public List<String> problems() {
        return problems;
    }
}
