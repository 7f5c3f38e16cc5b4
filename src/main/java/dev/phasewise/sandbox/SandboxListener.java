package dev.phasewise.sandbox;

/**
 * Progress of a sandbox start: which phase runs and how far it is. Called on the thread that
 * starts the sandbox; the CLI prints each call as a line on standard error.
 */
@FunctionalInterface
public interface SandboxListener {
    SandboxListener NONE = (phase, done, total) -> {
    };

    /**
     * @param phase a short name ("start", "users", "articles", "indexes", ...)
     * @param done  units done in this phase (rows, or steps)
     * @param total units the phase has in all; {@code done == total} when it is finished
     */
    void progress(String phase, long done, long total);

    /** A one-line note (data reused, port changed, reload and why). */
    default void message(String text) {
    }
}
