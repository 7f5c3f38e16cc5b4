package dev.phasewise.run;

import dev.phasewise.run.retry.Backoff;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * How a run behaves.
 *
 * @param maxAttempts          attempts per action for transient failures (lock timeout 55P03, deadlock 40P01,
 *                             serialization failure 40001, lost connection); then the run fails
 * @param initialBackoff       the wait before the second attempt; doubled for each further one
 * @param maxBackoff           the longest wait between attempts (before jitter)
 * @param reconnectPatience    how long to keep trying to reconnect after a lost connection or a server restart
 * @param cancelBlockersAfter  null (default): never touch other sessions; else cancel (pg_cancel_backend, never
 *                             terminate) the statements of sessions that block a step for longer than this
 * @param profileSaysStaging   the connection profile declares the database staging (see StagingGuard)
 * @param typedConfirmation    the database name the user typed to confirm, or null
 */
public record RunOptions(int maxAttempts, Duration initialBackoff, Duration maxBackoff, Duration reconnectPatience,
                         Duration cancelBlockersAfter, boolean profileSaysStaging, String typedConfirmation) {
    public RunOptions {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("max attempts must be at least 1");
        }
    }

    public static RunOptions defaults() {
        return new RunOptions(8, Duration.ofMillis(500), Duration.ofSeconds(30), Duration.ofSeconds(60), null, false,
                null);
    }

    public RunOptions withMaxAttempts(int n) {
        return new RunOptions(n, initialBackoff, maxBackoff, reconnectPatience, cancelBlockersAfter,
                profileSaysStaging, typedConfirmation);
    }

    public RunOptions withBackoff(Duration initial, Duration max) {
        return new RunOptions(maxAttempts, initial, max, reconnectPatience, cancelBlockersAfter, profileSaysStaging,
                typedConfirmation);
    }

    public RunOptions withCancelBlockersAfter(Duration d) {
        return new RunOptions(maxAttempts, initialBackoff, maxBackoff, reconnectPatience, d, profileSaysStaging,
                typedConfirmation);
    }

    public RunOptions withStaging(boolean profileSays, String typed) {
        return new RunOptions(maxAttempts, initialBackoff, maxBackoff, reconnectPatience, cancelBlockersAfter,
                profileSays, typed);
    }

    /** The wait before attempt {@code attempt + 1}: exponential, capped, with "equal jitter" (half fixed, half random). */
    public Duration backoff(int attempt, RandomGenerator random) {
        return new Backoff(initialBackoff, maxBackoff).delay(attempt, random);
    }
}
