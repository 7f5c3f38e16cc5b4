package dev.phasewise.ui.app;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import dev.phasewise.ui.Css;
import dev.phasewise.ui.UiTestSupport;
import javafx.application.Application;
import javafx.scene.Scene;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The sandbox's "ready" notice under the app's theme shows without CSS errors (it logged a ClassCastException). */
@ExtendWith(ApplicationExtension.class)
class ToastTest {
    private final List<String> cssWarnings = new CopyOnWriteArrayList<>();
    private final Handler collect = new Handler() {
        @Override
        public void publish(LogRecord record) {
            cssWarnings.add(record.getMessage() + (record.getThrown() == null ? "" : " " + record.getThrown()));
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };
    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        Scene scene = new Scene(new StackPane(), 600, 400);
        scene.getStylesheets().add(ToastTest.class.getResource(Css.STYLESHEET).toExternalForm());
        stage.setScene(scene);
        stage.show();
    }

    @BeforeEach
    void listen() {
        Logger.getLogger("javafx.css").addHandler(collect);
    }

    @AfterEach
    void stopListening() {
        Logger.getLogger("javafx.css").removeHandler(collect);
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void showsWithoutCssErrorsInEitherTheme(boolean dark, FxRobot robot) throws IOException {
        robot.interact(() -> Application.setUserAgentStylesheet(dark ? new PrimerDark().getUserAgentStylesheet()
                : new PrimerLight().getUserAgentStylesheet()));
        robot.interact(() -> new Toast(stage).show("Sandbox ready: postgres@localhost:5432"));
        WaitForAsyncUtils.waitForFxEvents();
        List<Window> shown = robot.listWindows().stream().filter(Window::isShowing)
                .filter(w -> w.getScene() != null && !w.getScene().getRoot().lookupAll(".notification-bar").isEmpty())
                .toList();
        assertEquals(1, shown.size(), "one notification popup shows");
        robot.sleep(800); // the bar slides in: let it finish before the picture (nothing is asserted on it)
        UiTestSupport.screenshot(robot, shown.get(0).getScene().getRoot(), "notification-" + (dark ? "dark" : "light"));
        assertTrue(cssWarnings.isEmpty(), String.join("\n", cssWarnings));
        robot.interact(() -> robot.listWindows().stream().filter(w -> w != stage && w.isShowing()).toList()
                .forEach(Window::hide));
    }
}
