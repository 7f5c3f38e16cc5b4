package dev.phasewise.ui;

/** A {@link QuietTimer} whose wait ends when the test says so. */
public final class HandTimer implements QuietTimer {
    private final Runnable action;
    private boolean waiting;

    private HandTimer(Runnable action) {
        this.action = action;
    }

    /** A factory that hands each new timer to {@code made}. */
    public static Factory factory(java.util.function.Consumer<HandTimer> made) {
        return action -> {
            HandTimer t = new HandTimer(action);
            made.accept(t);
            return t;
        };
    }

    @Override
    public void restart() {
        waiting = true;
    }

    @Override
    public void stop() {
        waiting = false;
    }

    public boolean waiting() {
        return waiting;
    }

    /** The quiet time passes: the action runs if a wait was under way. */
    public void elapse() {
        if (waiting) {
            waiting = false;
            action.run();
        }
    }
}
