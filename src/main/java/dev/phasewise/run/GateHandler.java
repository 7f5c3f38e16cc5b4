package dev.phasewise.run;

import dev.phasewise.plan.Gate;
import dev.phasewise.plan.Phase;

import java.util.Optional;

/**
 * Confirms the checklist items of a deploy gate. Called on the runner's thread, once per item not yet
 * confirmed (items confirmed before a resume are not asked again); it may block as long as it likes
 * (a person reading a prompt). Returns who confirmed, as recorded in phasewise.run_gates, or empty
 * to stop the run at the gate (status waiting-at-gate; resume later).
 */
@FunctionalInterface
public interface GateHandler {
    Optional<String> confirm(Phase after, Gate gate, String item);

    /** For CI: confirms every item, recorded as {@code "auto (--confirm-gates) by <who>"}. */
    static GateHandler autoConfirm(String who) {
        return (after, gate, item) -> Optional.of("auto (--confirm-gates) by " + who);
    }

    /** Stops at the first gate. */
    static GateHandler decline() {
        return (after, gate, item) -> Optional.empty();
    }
}
