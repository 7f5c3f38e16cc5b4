package dev.phasewise.ui;

import dev.phasewise.sandbox.SandboxOptions;
import dev.phasewise.ui.app.MainWindow;
import dev.phasewise.ui.model.Documents;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** With no saved profile, the window starts a sandbox in the background and connects to it. */
@ExtendWith(ApplicationExtension.class)
class SandboxStartIT {
    @TempDir
    static Path dir;

    private MainWindow window;
    private final List<String> statuses = new ArrayList<>();

    @Start
    void start(Stage stage) {
        SandboxOptions small = new SandboxOptions(dir.resolve("sandbox"), 2_000L, null, false);
        window = UiTestSupport.window(stage, dir, Documents.DEFAULT_SAMPLE, small);
        window.viewModel().statusProperty().addListener((o, a, b) -> statuses.add(b));
    }

    @AfterEach
    void stop(FxRobot robot) {
        robot.interact(window::shutdown);
    }

    @Test
    void startsTheSandboxInTheBackgroundAndConnects(FxRobot robot) {
        // the window is usable at once: the FX thread is not waiting for PostgreSQL
        assertTrue(window.viewModel().connectionProperty().get() == null || window.sandbox() != null);
        UiTestSupport.waitFor(180, () -> window.viewModel().catalogLoadedProperty().get());
        assertNotNull(window.sandbox());
        assertTrue(window.viewModel().connectionProperty().get().staging(), "the sandbox is marked staging");
        assertTrue(robot.lookup("#connection-label").queryAs(Label.class).getText().startsWith("phasewise_sandbox@"));
        assertFalse(statuses.stream().noneMatch(s -> s.startsWith("Sandbox")), "progress went to the status bar: "
                + statuses);
    }
}
