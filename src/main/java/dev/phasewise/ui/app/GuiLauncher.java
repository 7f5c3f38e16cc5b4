package dev.phasewise.ui.app;

import dev.phasewise.platform.BuildPlatform;
import javafx.application.Application;

import java.util.Locale;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Starts the desktop app from the jar's {@code Launcher} (which is not an Application, so the jar
 * runs on the classpath without JavaFX on the module path). Says so clearly when there is no display,
 * or when the jar's natives are another platform's, instead of dying with a toolkit stack trace.
 */
public final class GuiLauncher {
    /** JavaFX's logger, held here: java.util.logging keeps a logger only while somebody else does. */
    private static final Logger JAVAFX_LOG = Logger.getLogger("javafx");

    private GuiLauncher() {
    }

    /** Runs the app until its window closes; returns the process exit code. */
    public static int launch(String... args) {
        // before the toolkit loads its natives: another platform's fail with an UnsatisfiedLinkError
        Optional<String> wrongPlatform = BuildPlatform.mismatch("the desktop app");
        if (wrongPlatform.isPresent()) {
            System.err.println("phasewise: " + wrongPlatform.get());
            return 2;
        }
        String problem = noDisplay();
        if (problem != null) {
            System.err.println("phasewise: cannot open the desktop app: " + problem + ".\n"
                    + "  The command line works without one: phasewise --help (lint, plan, explain, trace, ...).\n"
                    + "  On a server, run the app under a virtual display: xvfb-run -a java -jar phasewise.jar gui");
            return 2;
        }
        quietClassPathWarning();
        WindowPrefetch.begin();
        try {
            Application.launch(PhasewiseApp.class, args);
            return 0;
        } catch (RuntimeException | UnsatisfiedLinkError e) {
            Throwable root = e;
            while (root.getCause() != null) {
                root = root.getCause();
            }
            System.err.println("phasewise: the desktop app could not start: " + root.getMessage());
            return 2;
        }
    }

    /**
     * JavaFX warns at every start that it was loaded from the class path ("Unsupported JavaFX
     * configuration: classes were loaded from 'unnamed module'"), which is how this jar runs it, on
     * purpose (one jar that starts with plain java -jar). The line told users of nothing they could
     * act on, and formatting it (the logging's date and localised level) cost the toolkit's start
     * 10 - 20 ms. JavaFX's other messages still show.
     */
    private static void quietClassPathWarning() {
        JAVAFX_LOG.setFilter(r -> r.getMessage() == null || !r.getMessage().startsWith("Unsupported JavaFX configuration"));
    }

    /** Why no window can open here, or null when a display seems available. */
    static String noDisplay() {
        String platform = System.getProperty("glass.platform", "");
        if ("Monocle".equalsIgnoreCase(platform)) {
            return null;
        }
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        if (os.contains("win") || os.contains("mac")) {
            return null;
        }
        String display = System.getenv("DISPLAY");
        String wayland = System.getenv("WAYLAND_DISPLAY");
        if ((display == null || display.isBlank()) && (wayland == null || wayland.isBlank())) {
            return "no display (DISPLAY is not set)";
        }
        return null;
    }
}
