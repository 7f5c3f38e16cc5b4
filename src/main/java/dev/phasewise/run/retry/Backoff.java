package dev.phasewise.run.retry;

import java.time.Duration;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * The wait before a retry: exponential from {@code initial}, capped at {@code max}, with "equal
 * jitter" (half of it fixed, half random) so that two sessions that failed together do not retry in
 * lockstep. One computation for the plan runner (0.5 s to 30 s by default, see RunOptions) and the
 * backfill engine (50 ms to 10 s); each caller keeps its own numbers.
 *
 * @param initial the wait before the second attempt (before jitter); doubled for each further one
 * @param max     the longest wait (before jitter)
 */
public record Backoff(Duration initial, Duration max) {
    /** Beyond 2^20 times the initial wait the cap has long been reached; the shift must not overflow. */
    private static final int MAX_DOUBLINGS = 20;

    public Backoff {
        Objects.requireNonNull(initial, "initial");
        Objects.requireNonNull(max, "max");
        if (initial.isNegative() || max.isNegative()) {
            throw new IllegalArgumentException("back-off must not be negative: " + initial + ", " + max);
        }
    }

    /**
     * The wait after failed attempt {@code attempt} (1 for the first): {@code min(max, initial × 2^(attempt-1))},
     * half of it fixed and half drawn from {@code random}, in whole milliseconds.
     */
    public Duration delay(int attempt, RandomGenerator random) {
        long base = initial.toMillis();
        long capped = Math.min(max.toMillis(), base << Math.min(MAX_DOUBLINGS, Math.max(0, attempt - 1)));
        long half = capped / 2;
        return Duration.ofMillis(half + (half == 0 ? 0 : random.nextLong(half + 1)));
    }
}
