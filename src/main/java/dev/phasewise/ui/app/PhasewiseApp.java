package dev.phasewise.ui.app;

import javafx.application.Application;
import javafx.application.Platform;
import javafx.stage.Stage;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The JavaFX application: one main window; a plan or SQL file may be given as the argument. */
public final class PhasewiseApp extends Application {
    /** Milliseconds from JVM start to the main window first shown (design §5: under 2 s). */
    private static volatile long startupMillis = -1;

    public static long startupMillis() {
        return startupMillis;
    }

    private static long sinceJvm() {
        return System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime();
    }

    @Override
    public void start(Stage stage) {
        if (Boolean.getBoolean("phasewise.ui.timing")) {
            System.err.println("phasewise: FX start() " + sinceJvm() + " ms after JVM start");
        }
        MainWindow window = new MainWindow(stage, MainWindow.Options.defaults());
        if (Boolean.getBoolean("phasewise.ui.timing")) {
            System.err.println("phasewise: window built " + sinceJvm() + " ms after JVM start");
        }
        stage.setOnShown(e -> {
            startupMillis = sinceJvm();
            System.err.println("phasewise: window shown " + startupMillis + " ms after JVM start");
        });
        stage.show();
        List<String> args = getParameters().getUnnamed();
        Path file = args.isEmpty() ? null : Path.of(args.get(0));
        // the rest after the first frame, so the window is on screen while the detail views build
        Platform.runLater(() -> window.start(file != null && Files.exists(file) ? file : null));
    }
}
