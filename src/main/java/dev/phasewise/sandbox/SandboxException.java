package dev.phasewise.sandbox;

/** A sandbox that cannot start, with a message for the user (already running, port taken, ...). */
public final class SandboxException extends Exception {
    public SandboxException(String message) {
        super(message);
    }

    public SandboxException(String message, Throwable cause) {
        super(message, cause);
    }
}
