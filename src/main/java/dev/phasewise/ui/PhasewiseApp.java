package dev.phasewise.ui;

import dev.phasewise.ui.app.MainWindow;
import javafx.application.Application;
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

    @Override
    public void start(Stage stage) {
        MainWindow window = new MainWindow(stage, MainWindow.Options.defaults());
        stage.setOnShown(e -> {
            startupMillis = System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime();
            System.err.println("phasewise: window shown " + startupMillis + " ms after JVM start");
        });
        stage.show();
        List<String> args = getParameters().getUnnamed();
        Path file = args.isEmpty() ? null : Path.of(args.get(0));
        window.start(file != null && Files.exists(file) ? file : null);
    }
}
