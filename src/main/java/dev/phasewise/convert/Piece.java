package dev.phasewise.convert;

import java.util.List;

/**
 * What one sub-command of an ALTER TABLE becomes: its steps and why; or, for a risky sub-command
 * that a rewrite recognised but cannot make safe, no steps and why not (it stays as written).
 *
 * @param moved the sub-command stays as written and only moves to another phase
 */
record Piece(List<Placement> steps, String why, boolean moved) {

    /** Places one step (or notes one deferred to the end) when the piece goes into the plan. */
    interface Placement {
        void place(Became became);
    }

    static Piece rewritten(List<Placement> steps, String why) {
        return new Piece(List.copyOf(steps), why, false);
    }

    static Piece moved(List<Placement> steps, String why) {
        return new Piece(List.copyOf(steps), why, true);
    }

    /** Kept as written, still risky, with the reason no rewrite applies. */
    static Piece refused(String why) {
        return new Piece(List.of(), why, false);
    }

    boolean isRefused() {
        return steps.isEmpty();
    }

    void place(Became became) {
        for (Placement p : steps) {
            p.place(became);
        }
    }
}
