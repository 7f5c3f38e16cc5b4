package dev.phasewise.ui.window;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.UUID;
import java.util.prefs.BackingStoreException;
import java.util.prefs.Preferences;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The light / dark choice without a window: toggled, and remembered between starts. Plain JUnit. */
class ThemeTest {
    private final Preferences node = Preferences.userRoot().node("dev/phasewise/ui-test-theme-" + UUID.randomUUID());

    @AfterEach
    void removeNode() throws BackingStoreException {
        node.removeNode();
    }

    @Test
    void lightUntilToggled() {
        Theme theme = new Theme();
        assertFalse(theme.darkProperty().get());
        theme.toggle();
        assertTrue(theme.darkProperty().get());
        theme.toggle();
        assertFalse(theme.darkProperty().get());
    }

    @Test
    void lightTheFirstTime() {
        Theme theme = new Theme();
        theme.darkProperty().set(true);
        theme.restoreFrom(new UiPrefs(node));
        assertFalse(theme.darkProperty().get(), "nothing saved yet: light");
        assertFalse(Theme.savedDark(new UiPrefs(node)));
    }

    @Test
    void theChoiceSurvivesARestart() {
        Theme theme = new Theme();
        theme.toggle();
        theme.saveTo(new UiPrefs(node));
        assertTrue(Theme.savedDark(new UiPrefs(node)), "what the app applies before its first control exists");
        Theme next = new Theme();
        next.restoreFrom(new UiPrefs(node));
        assertTrue(next.darkProperty().get());

        next.toggle();
        next.saveTo(new UiPrefs(node));
        Theme third = new Theme();
        third.darkProperty().set(true);
        third.restoreFrom(new UiPrefs(node));
        assertFalse(third.darkProperty().get());
    }
}
