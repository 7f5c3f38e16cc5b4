package dev.phasewise.ui;

import dev.phasewise.db.Profiles;
import dev.phasewise.ui.app.MainWindow;
import dev.phasewise.ui.model.Documents;
import dev.phasewise.ui.window.UiPrefs;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Node;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.prefs.Preferences;
import javax.imageio.ImageIO;

/** Starts the main window for a test (no sandbox, its own prefs and profiles) and takes screenshots. */
public final class UiTestSupport {
    private UiTestSupport() {
    }

    public static MainWindow window(Stage stage, Path profilesDir, String sample) {
        return window(stage, profilesDir, sample, null);
    }

    public static MainWindow window(Stage stage, Path profilesDir, String sample,
                                    dev.phasewise.sandbox.SandboxOptions sandbox) {
        System.setProperty("phasewise.ui.noNotifications", "true");
        UiPrefs prefs = new UiPrefs(Preferences.userRoot().node("dev/phasewise/ui-test"));
        prefs.clear();
        MainWindow w = new MainWindow(stage, new MainWindow.Options(sandbox, prefs,
                new Profiles(profilesDir.resolve(Profiles.FILE_NAME)), sample == null ? Documents.DEFAULT_SAMPLE : sample));
        stage.show();
        w.start(null);
        return w;
    }

    /** Waits (polling the FX thread) until the condition holds, up to the timeout. */
    public static void waitFor(int seconds, BooleanSupplier condition) {
        try {
            WaitForAsyncUtils.waitFor(seconds, TimeUnit.SECONDS, () -> {
                AtomicReference<Boolean> r = new AtomicReference<>(false);
                WaitForAsyncUtils.asyncFx(() -> r.set(condition.getAsBoolean())).get();
                return r.get();
            });
        } catch (Exception e) {
            throw new AssertionError("condition not met within " + seconds + " s", e);
        }
    }

    /** Snapshot of the node to target/screenshots/NAME.png (the directory comes from surefire). */
    public static Path screenshot(FxRobot robot, Node node, String name) throws IOException {
        WaitForAsyncUtils.waitForFxEvents();
        AtomicReference<WritableImage> img = new AtomicReference<>();
        robot.interact(() -> img.set(node.snapshot(null, null)));
        Path dir = Path.of(System.getProperty("screenshot.dir", "target/screenshots"));
        Files.createDirectories(dir);
        Path file = dir.resolve(name + ".png");
        ImageIO.write(SwingFXUtils.fromFXImage(img.get(), null), "png", file.toFile());
        return file;
    }
}
