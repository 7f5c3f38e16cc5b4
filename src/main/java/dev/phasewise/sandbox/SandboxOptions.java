package dev.phasewise.sandbox;

import java.nio.file.Path;

/**
 * How to start a sandbox.
 *
 * @param directory the sandbox's own directory (PostgreSQL data, port, lock, log); null for
 *                  {@link SandboxDirs#defaultSandboxDir()}
 * @param articles  articles to load (other tables scale with it); null keeps what a complete earlier
 *                  load holds, and loads {@link #DEFAULT_ARTICLES} when there is none
 * @param port      the port to listen on; null for the remembered one, else {@link #DEFAULT_PORT} or the
 *                  next free one
 * @param reset     wipe the data directory and load again
 */
public record SandboxOptions(Path directory, Long articles, Integer port, boolean reset) {
    public static final long DEFAULT_ARTICLES = 1_000_000L;
    public static final int DEFAULT_PORT = 54329;

    public SandboxOptions {
        if (articles != null && articles < 1) {
            throw new IllegalArgumentException("the number of articles must be at least 1, not " + articles);
        }
        if (port != null && (port < 1024 || port > 65535)) {
            throw new IllegalArgumentException("port " + port + " is not an unprivileged TCP port (1024-65535)");
        }
    }

    public static SandboxOptions defaults() {
        return new SandboxOptions(null, null, null, false);
    }

    public SandboxOptions withDirectory(Path d) {
        return new SandboxOptions(d, articles, port, reset);
    }

    public SandboxOptions withArticles(Long n) {
        return new SandboxOptions(directory, n, port, reset);
    }

    public SandboxOptions withPort(Integer p) {
        return new SandboxOptions(directory, articles, p, reset);
    }

    public SandboxOptions withReset(boolean r) {
        return new SandboxOptions(directory, articles, port, r);
    }
}
