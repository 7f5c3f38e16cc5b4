package dev.phasewise.sandbox;

import java.nio.file.Path;

/**
 * A sandbox in its own JVM, for SandboxIT to kill with SIGKILL: what a user's killed window leaves behind
 * is its PostgreSQL, still running on the cluster. Arguments: the sandbox directory and its --rows.
 * Prints {@code ready} once the sandbox runs, then waits to be killed.
 */
public final class SandboxKilledChild {
    private SandboxKilledChild() {
    }

    public static void main(String[] args) throws Exception {
        Sandbox sandbox = Sandbox.start(new SandboxOptions(Path.of(args[0]), Long.parseLong(args[1]), null, false),
                SandboxListener.NONE);
        System.out.println("ready " + sandbox.port());
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
