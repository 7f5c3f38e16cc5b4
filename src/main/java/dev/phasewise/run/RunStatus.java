package dev.phasewise.run;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/** A run's status, as stored in phasewise.runs.status. */
public enum RunStatus {
    RUNNING, SUCCEEDED, FAILED, CANCELLED,
    /** Stopped at a deploy gate whose checklist was not confirmed; resume to go on. */
    WAITING_AT_GATE;

    @JsonValue
    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    @JsonCreator
    public static RunStatus parse(String s) {
        return valueOf(s.toUpperCase(Locale.ROOT).replace('-', '_'));
    }
}
