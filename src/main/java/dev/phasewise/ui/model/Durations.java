package dev.phasewise.ui.model;

import java.util.Locale;

/**
 * An estimated time in the words the window shows it in (a step block's "est. 1.2 s under lock",
 * the lock panel's estimate): the timeline and the lock panel both say it, so neither owns it.
 */
public final class Durations {
    private Durations() {
    }

    public static String seconds(double s) {
        if (s < 0.001) {
            return "< 1 ms";
        }
        if (s < 1) {
            return Math.round(s * 1000) + " ms";
        }
        if (s < 90) {
            return String.format(Locale.ROOT, "%.1f s", s);
        }
        return Math.round(s / 60) + " min";
    }
}
