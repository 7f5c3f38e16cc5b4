package dev.phasewise.cli;

/**
 * Whether Phasewise talks to a person at a terminal, or writes to a pipe, a file or a CI log: the one place
 * that decides it, so that every command behaves the same and a test can pass the other answer instead
 * (the commands take it as a field, e.g. {@code RunningCommand.terminal}). A terminal gets a progress bar
 * redrawn in place and prompts; a log gets a plain progress line now and then.
 */
final class Terminal {
    private Terminal() {
    }

    /** True when standard input and output are both a terminal ({@link System#console()}). */
    static boolean attached() {
        return System.console() != null;
    }
}
