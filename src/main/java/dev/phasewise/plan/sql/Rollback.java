package dev.phasewise.plan.sql;

import java.util.List;

/** How to undo a step: actions, or the reason it cannot be undone. */
public record Rollback(List<Action> actions, String irreversibleBecause) {

    public static Rollback of(Action... actions) {
        return new Rollback(List.of(actions), null);
    }

    public static Rollback irreversible(String because) {
        return new Rollback(List.of(), because);
    }

    public boolean reversible() {
        return irreversibleBecause == null;
    }
}
