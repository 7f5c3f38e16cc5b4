package dev.phasewise.run.backfill;

import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.time.Duration;

import static dev.phasewise.run.backfill.BatchRetries.Action.FAIL;
import static dev.phasewise.run.backfill.BatchRetries.Action.RECONNECT;
import static dev.phasewise.run.backfill.BatchRetries.Action.SAME;
import static dev.phasewise.run.backfill.BatchRetries.Action.SMALLER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The backfill's retry policy without a database: what each failure calls for, and when it gives up. */
class BatchRetriesTest {
    private static final long SECOND = 1_000_000_000L;

    @Test
    void eachFailureClassHasItsAction() {
        assertEquals(SAME, BatchRetries.classify(new SQLException("x", "55P03"), false));
        assertEquals(SAME, BatchRetries.classify(new SQLException("x", "40P01"), false));
        assertEquals(SAME, BatchRetries.classify(new SQLException("x", "40001"), false));
        assertEquals(SMALLER, BatchRetries.classify(new SQLException("x", "57014"), false));
        for (String s : new String[] {"08006", "08001", "57P01", "57P02", "57P03"}) {
            assertEquals(RECONNECT, BatchRetries.classify(new SQLException("x", s), false), s);
        }
        assertEquals(FAIL, BatchRetries.classify(new SQLException("x", "23505"), false));
        assertEquals(FAIL, BatchRetries.classify(new SQLException("x"), false));
    }

    @Test
    void aClosedSessionIsAReconnectWhateverTheSqlState() {
        assertEquals(RECONNECT, BatchRetries.classify(new SQLException("x", "23505"), true));
        assertEquals(RECONNECT, BatchRetries.classify(new SQLException("x"), true));
        assertEquals(RECONNECT, BatchRetries.classify(new SQLException("x", "55P03"), true));
    }

    @Test
    void aBatchIsRetriedMaxRetriesTimesInARowThenGivenUp() {
        BatchRetries r = new BatchRetries(3, Duration.ofSeconds(60));
        for (int attempt = 1; attempt <= 3; attempt++) {
            BatchRetries.Wait w = r.next(attempt == 2 ? SMALLER : SAME, 0);
            assertEquals(attempt, w.attempt());
            long base = 50L << (attempt - 1);
            assertTrue(w.backoff().toMillis() >= base / 2 && w.backoff().toMillis() <= base, w.toString());
        }
        assertNull(r.next(SAME, 0));
    }

    @Test
    void aCommittedBatchStartsTheSeriesAgain() {
        BatchRetries r = new BatchRetries(2, Duration.ofSeconds(60));
        r.next(SAME, 0);
        r.next(SAME, 0);
        r.committed();
        assertEquals(1, r.next(SAME, 0).attempt());
        assertEquals(2, r.next(SAME, 0).attempt());
        assertNull(r.next(SAME, 0));
    }

    @Test
    void aLostSessionIsWaitedForByTimeNotByCount() {
        BatchRetries r = new BatchRetries(2, Duration.ofSeconds(10));
        long lost = 5 * SECOND;
        assertEquals(1, r.next(RECONNECT, lost).attempt());
        // far more attempts than maxRetries, within the patience
        for (int attempt = 2; attempt <= 20; attempt++) {
            BatchRetries.Wait w = r.next(RECONNECT, lost + attempt * 100_000_000L);
            assertNotNull(w, "attempt " + attempt);
            assertEquals(attempt, w.attempt());
        }
        // the wait never goes past the patience left
        BatchRetries.Wait last = r.next(RECONNECT, lost + 10 * SECOND - 300_000_000L);
        assertTrue(last.backoff().toMillis() <= 300, last.toString());
        assertNull(r.next(RECONNECT, lost + 10 * SECOND));
    }

    @Test
    void aNewSessionEndsTheLossAndCountsTheConnectsSinceTheLastBatch() {
        BatchRetries r = new BatchRetries(2, Duration.ofSeconds(10));
        r.next(RECONNECT, SECOND);
        r.next(RECONNECT, 2 * SECOND);
        assertEquals(1, r.connected());
        // a second loss has its own patience and its own back-off series
        assertEquals(1, r.next(RECONNECT, 20 * SECOND).attempt());
        assertNotNull(r.next(RECONNECT, 29 * SECOND));
        assertEquals(2, r.connected());
        assertEquals(3, r.connected());
        r.committed();
        assertEquals(1, r.connected());
    }
}
