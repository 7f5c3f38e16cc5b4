package dev.phasewise.run;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/** A run's status, as stored in phasewise.runs.status, or as {@link RunStore} tells it ({@link #INTERRUPTED}). */
public enum RunStatus {
    RUNNING, SUCCEEDED, FAILED, CANCELLED,
    /** Stopped at a deploy gate whose checklist was not confirmed; resume to go on. */
    WAITING_AT_GATE,
    /**
     * Never stored: what {@link RunStore} reports for a run stored as {@link #RUNNING} whose lock no session
     * holds ({@link RunLock}): its runner was killed or lost its machine without recording an end. Resume to go on.
     */
    INTERRUPTED;

    /** Whether {@code phasewise resume} can continue a run in this state (all but succeeded and running). */
    public boolean resumable() {
        return this != SUCCEEDED && this != RUNNING;
    }

    @JsonValue
    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    @JsonCreator
    public static RunStatus parse(String s) {
        return valueOf(s.toUpperCase(Locale.ROOT).replace('-', '_'));
    }
}
