package dev.phasewise.ui;

import java.util.function.Function;

/**
 * Waits for a pause in a burst of events (typing) before acting once: each {@link #restart()} starts
 * the wait again, and the action runs when one ends undisturbed. View models are handed a
 * {@link Factory}, so that the window's timer is an FX animation and a test's is driven by hand.
 */
public interface QuietTimer {
    /** Starts the wait, or starts it again. */
    void restart();

    /** Ends the wait without acting. */
    void stop();

    /** Makes a timer that runs the given action (on the FX thread) when a wait ends. */
    interface Factory extends Function<Runnable, QuietTimer> {
    }
}
