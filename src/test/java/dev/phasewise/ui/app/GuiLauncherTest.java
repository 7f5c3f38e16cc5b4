package dev.phasewise.ui.app;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The launcher's display check (moved here from UiModelTest with the launcher, into ui.app). */
class GuiLauncherTest {
    @Test
    void noDisplayIsReportedNotThrown() {
        // under surefire glass.platform is Monocle: a display is never needed
        assertEquals(null, GuiLauncher.noDisplay());
    }
}
