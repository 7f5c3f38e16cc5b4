package dev.phasewise.ui.window;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;

/**
 * The light or dark theme the user chose (the toolbar's toggle, Ctrl+T), remembered between starts.
 * Only the choice: the window applies it to its stylesheets.
 */
public final class Theme {
    static final String PREF_KEY = "dark";
    private final BooleanProperty dark = new SimpleBooleanProperty(false);

    public void toggle() {
        dark.set(!dark.get());
    }

    /** The theme of the last window; light the first time. */
    public void restoreFrom(UiPrefs prefs) {
        dark.set(savedDark(prefs));
    }

    public void saveTo(UiPrefs prefs) {
        prefs.put(PREF_KEY, dark.get());
    }

    /** Whether the theme saved in {@code prefs} is the dark one (light when none was saved). */
    public static boolean savedDark(UiPrefs prefs) {
        return prefs.get(PREF_KEY, false);
    }

    public BooleanProperty darkProperty() {
        return dark;
    }
}
