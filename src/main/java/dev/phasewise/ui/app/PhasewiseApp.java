package dev.phasewise.ui.app;

import javafx.animation.PauseTransition;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.stage.Stage;
import javafx.util.Duration;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The JavaFX application: one main window; a plan or SQL file may be given as the argument. */
public final class PhasewiseApp extends Application {
    /**
     * {@code -Dphasewise.ui.exitWhenShown=true}: close the app once its window is shown, filled in and
     * its plan analysed. For the AOT cache's training ({@code AotTraining}), which records the classes a
     * window start loads, and for tests; not an option people use.
     */
    public static final String EXIT_WHEN_SHOWN = "phasewise.ui.exitWhenShown";
    /** The longest the window waits for its plan's first analysis before it closes anyway. */
    private static final Duration EXIT_AT_LATEST = Duration.seconds(20);

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
        WindowPrefetch.Fetched fetched = WindowPrefetch.take();
        WindowLook.useTheme(fetched.dark());
        MainWindow window = new MainWindow(stage, fetched.options());
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
        Platform.runLater(() -> {
            window.start(file != null && Files.exists(file) ? file : null);
            if (Boolean.getBoolean(EXIT_WHEN_SHOWN)) {
                exitOnceAnalysed(window);
            }
        });
    }

    /**
     * Exits after the plan's first analysis is drawn (the findings, the lock panel), so that a training
     * run has loaded what a user's first look at the window loads; at the latest after 20 s.
     */
    private static void exitOnceAnalysed(MainWindow window) {
        PauseTransition latest = new PauseTransition(EXIT_AT_LATEST);
        latest.setOnFinished(e -> Platform.exit());
        latest.play();
        if (window.viewModel().documentProperty().get() == null || window.viewModel().analysisProperty().get() != null) {
            Platform.runLater(Platform::exit);
            return;
        }
        window.viewModel().analysisProperty().addListener((o, was, now) -> {
            if (now != null) {
                // one more pulse: the views draw what the analysis changed
                Platform.runLater(Platform::exit);
            }
        });
    }
}
