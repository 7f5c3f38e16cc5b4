package dev.phasewise;

import dev.phasewise.cli.Main;

/** Entry point of the jar. Not an Application subclass, so the jar starts without JavaFX on the module path. */
public final class Launcher {
    private Launcher() {
    }

    public static void main(String[] args) {
        System.exit(Main.run(args));
    }
}
