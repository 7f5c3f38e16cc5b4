package dev.phasewise;

import dev.phasewise.cli.Main;
import dev.phasewise.ui.app.GuiLauncher;

import java.util.Arrays;

/**
 * Entry point of the jar. Not an Application subclass, so the jar starts without JavaFX on the
 * module path. No arguments, or {@code gui [FILE]}, opens the desktop app; anything else is the
 * command line.
 */
public final class Launcher {
    private Launcher() {
    }

    public static void main(String[] args) {
        if (args.length > 0 && AotTraining.ARG.equals(args[0])) {
            // the AOT cache's training (AotTraining): the launcher and build-runtime.sh start it
            System.exit(AotTraining.run(Arrays.copyOfRange(args, 1, args.length), System.err));
        }
        if (args.length == 0 || "gui".equals(args[0])) {
            int code = GuiLauncher.launch(args.length == 0 ? new String[0] : Arrays.copyOfRange(args, 1, args.length));
            // the FX toolkit leaves non-daemon threads behind; the app is done once its window closed
            System.exit(code);
        }
        System.exit(Main.run(args));
    }
}
