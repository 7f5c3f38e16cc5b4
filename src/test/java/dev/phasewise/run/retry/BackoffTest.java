package dev.phasewise.run.retry;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BackoffTest {
    private static final Backoff BACKFILL = new Backoff(Duration.ofMillis(50), Duration.ofSeconds(10));

    @Test
    void eachAttemptWaitsBetweenHalfAndAllOfItsDoubledBase() {
        Random random = new Random(7);
        for (int attempt = 1; attempt <= 8; attempt++) {
            long base = 50L << (attempt - 1);
            for (int i = 0; i < 200; i++) {
                long ms = BACKFILL.delay(attempt, random).toMillis();
                assertTrue(ms >= base / 2 && ms <= base, "attempt " + attempt + ": " + ms + " not in ["
                        + base / 2 + ", " + base + "]");
            }
        }
    }

    @Test
    void theCapHoldsForEveryLaterAttemptWithoutOverflow() {
        Random random = new Random(11);
        for (int attempt : new int[] {9, 10, 20, 21, 40, 63, 64, 1000, Integer.MAX_VALUE}) {
            for (int i = 0; i < 50; i++) {
                long ms = BACKFILL.delay(attempt, random).toMillis();
                assertTrue(ms >= 5_000 && ms <= 10_000, "attempt " + attempt + ": " + ms);
            }
        }
    }

    @Test
    void theWaitGrowsWithTheAttemptUntilTheCap() {
        // with the random part fixed at its extremes, the fixed half doubles per attempt
        Backoff b = new Backoff(Duration.ofMillis(100), Duration.ofMillis(1000));
        assertEquals(50, b.delay(1, new Fixed(0)).toMillis());
        assertEquals(100, b.delay(2, new Fixed(0)).toMillis());
        assertEquals(200, b.delay(3, new Fixed(0)).toMillis());
        assertEquals(400, b.delay(4, new Fixed(0)).toMillis());
        assertEquals(500, b.delay(5, new Fixed(0)).toMillis());
        assertEquals(500, b.delay(30, new Fixed(0)).toMillis());
        assertEquals(100, b.delay(1, new Fixed(Long.MAX_VALUE)).toMillis());
        assertEquals(1000, b.delay(9, new Fixed(Long.MAX_VALUE)).toMillis());
    }

    @Test
    void theJitterSpreadsTheWaits() {
        Random random = new Random(3);
        long min = Long.MAX_VALUE;
        long max = 0;
        for (int i = 0; i < 500; i++) {
            long ms = BACKFILL.delay(4, random).toMillis();
            min = Math.min(min, ms);
            max = Math.max(max, ms);
        }
        assertTrue(max - min > 100, "waits of attempt 4 all within " + min + ".." + max + " ms");
    }

    @Test
    void attemptsBelowOneWaitLikeTheFirstAndAZeroBackoffDoesNotWait() {
        Random random = new Random(5);
        for (int attempt : new int[] {0, -1, -1000}) {
            long ms = BACKFILL.delay(attempt, random).toMillis();
            assertTrue(ms >= 25 && ms <= 50, "attempt " + attempt + ": " + ms);
        }
        assertEquals(Duration.ZERO, new Backoff(Duration.ZERO, Duration.ofSeconds(1)).delay(5, random));
        assertEquals(Duration.ZERO, new Backoff(Duration.ofMillis(1), Duration.ofSeconds(1)).delay(1, random));
    }

    @Test
    void negativeWaitsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> new Backoff(Duration.ofMillis(-1), Duration.ofSeconds(1)));
        assertThrows(IllegalArgumentException.class, () -> new Backoff(Duration.ofMillis(1), Duration.ofSeconds(-1)));
    }

    /** A random source that always draws the same bound-clamped value, to see the fixed part alone. */
    private record Fixed(long value) implements java.util.random.RandomGenerator {
        @Override
        public long nextLong() {
            return value;
        }

        @Override
        public long nextLong(long bound) {
            return Math.min(value, bound - 1);
        }
    }
}
