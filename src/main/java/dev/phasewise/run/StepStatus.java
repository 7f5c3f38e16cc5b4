package dev.phasewise.run;

import java.util.Locale;

/** An action's status, as stored in phasewise.run_steps.status. */
public enum StepStatus {
    PENDING, RUNNING, DONE, FAILED, SKIPPED;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static StepStatus parse(String s) {
        return valueOf(s.toUpperCase(Locale.ROOT));
    }
}
