package dev.phasewise.ui;

import javafx.animation.PauseTransition;
import javafx.util.Duration;

/** The window's {@link QuietTimer}: a pause on the FX thread's animation clock. */
public final class FxQuietTimer implements QuietTimer {
    private final PauseTransition pause;

    public FxQuietTimer(Duration wait, Runnable action) {
        pause = new PauseTransition(wait);
        pause.setOnFinished(e -> action.run());
    }

    /** A factory of timers that wait {@code millis} ms. */
    public static QuietTimer.Factory waiting(double millis) {
        return action -> new FxQuietTimer(Duration.millis(millis), action);
    }

    @Override
    public void restart() {
        pause.playFromStart();
    }

    @Override
    public void stop() {
        pause.stop();
    }
}
