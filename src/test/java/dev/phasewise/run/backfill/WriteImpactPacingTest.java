package dev.phasewise.run.backfill;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.IntToLongFunction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The pacing controller alone, fed with probe timings in microseconds (a p99 of 1,000 us before the backfill). */
class WriteImpactPacingTest {
    private static final long BASELINE = 1000;

    /** Feeds n timings; returns the moves they caused. */
    private static List<WriteImpactPacing.Move> feed(WriteImpactPacing p, int n, IntToLongFunction micros) {
        List<WriteImpactPacing.Move> moves = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            WriteImpactPacing.Move m = p.record(micros.applyAsLong(i));
            if (m != null) {
                moves.add(m);
            }
        }
        return moves;
    }

    @Test
    void startsCautiousAndComesDownOneRungPerThousandQuietWrites() {
        WriteImpactPacing p = new WriteImpactPacing(1.5, BASELINE);
        assertEquals(WriteImpactPacing.START, p.rungIndex());
        assertEquals(new WriteImpactPacing.Rung(5, 19), p.current());
        List<WriteImpactPacing.Move> moves = feed(p, 999, i -> 800);
        assertTrue(moves.isEmpty(), "no move before a thousand writes");
        WriteImpactPacing.Move m = p.record(800);
        assertEquals(new WriteImpactPacing.Move(5, 4, 1000, 0), m);
        feed(p, 4000, i -> 800);
        assertEquals(0, p.rungIndex(), "quiet writes all the way down to the job's own batches");
        assertNull(p.current().batchMs());
        assertEquals(0, p.current().sleepRatio());
        assertTrue(feed(p, 5000, i -> 800).isEmpty(), "nothing below the bottom rung");
    }

    @Test
    void climbsAtOnceOnABurstOfSlowWrites() {
        WriteImpactPacing p = new WriteImpactPacing(1.5, BASELINE);
        // 1,500 us is the limit; 1,600 us is slow
        List<WriteImpactPacing.Move> moves = feed(p, 6, i -> 1600);
        assertEquals(1, moves.size());
        assertEquals(new WriteImpactPacing.Move(5, 6, 6, 6), moves.get(0));
        assertEquals(new WriteImpactPacing.Rung(5, 49), p.current());
        feed(p, 100, i -> 1600);
        assertEquals(WriteImpactPacing.RUNGS.size() - 1, p.rungIndex(), "the top rung at most");
    }

    @Test
    void climbsWhenMoreThanOnePercentOfAWindowIsSlow() {
        WriteImpactPacing p = new WriteImpactPacing(1.5, BASELINE);
        feed(p, 5000, i -> 800);
        assertEquals(0, p.rungIndex());
        // 3 slow in 300 (1%): over the 0.7% share, under the burst count
        List<WriteImpactPacing.Move> moves = feed(p, 300, i -> i % 100 == 50 ? 1600 : 800);
        assertEquals(1, moves.size());
        assertTrue(moves.get(0).up());
        assertEquals(new WriteImpactPacing.Move(0, 1, 300, 3), moves.get(0));
    }

    @Test
    void holdsWhereTheTailSitsBetweenTheThresholds() {
        WriteImpactPacing p = new WriteImpactPacing(1.5, BASELINE);
        // 1 slow write in 200 (0.5%): not over 0.7%, not at or under 0.4%
        List<WriteImpactPacing.Move> moves = feed(p, 20_000, i -> i % 200 == 100 ? 1600 : 800);
        assertTrue(moves.isEmpty(), "no move: " + moves);
        assertEquals(WriteImpactPacing.START, p.rungIndex());
    }

    @Test
    void aDescentUndoneAtOnceMakesTheNextOneWaitTwiceAsLong() {
        WriteImpactPacing p = new WriteImpactPacing(1.5, BASELINE);
        feed(p, 1000, i -> 800);
        assertEquals(4, p.rungIndex());
        feed(p, 6, i -> 2000);
        assertEquals(5, p.rungIndex(), "rung 4 did not hold");
        assertTrue(feed(p, 1999, i -> 800).isEmpty(), "the next descent from rung 5 waits 2,000 writes");
        assertEquals(new WriteImpactPacing.Move(5, 4, 2000, 0), p.record(800));
    }

    /**
     * A simulated backfill: a write is slowed to 3x the baseline when it meets a batch; a rung with
     * sleep ratio r lets it meet one 1/(r+1) of the time (5 ms batches; the job's own batches meet
     * it every time). The controller must settle where the writes' p99 is within 1.5x.
     */
    @Test
    void settlesWhereTheSimulatedWritesP99IsWithinTheLimit() {
        WriteImpactPacing p = new WriteImpactPacing(1.5, BASELINE);
        Random random = new Random(42);
        List<Long> tail = new ArrayList<>();
        for (int i = 0; i < 200_000; i++) {
            WriteImpactPacing.Rung r = p.current();
            double meets = 1 / (r.sleepRatio() + 1);
            long micros = 500 + random.nextInt(400) + (random.nextDouble() < meets ? 2500 : 0);
            p.record(micros);
            if (i >= 100_000) {
                tail.add(micros);
            }
        }
        long[] last = tail.stream().mapToLong(Long::longValue).toArray();
        long p99 = WriteImpactPacing.p99(last);
        assertTrue(p99 <= 1500, "p99 " + p99 + " us over 1.5x at rung " + p.rungIndex());
        assertTrue(p.rungIndex() >= 6, "a rung where writes meet a batch under 1% of the time: " + p.rungIndex());
    }

    @Test
    void p99OfASample() {
        long[] v = new long[200];
        for (int i = 0; i < v.length; i++) {
            v[i] = i + 1;
        }
        assertEquals(198, WriteImpactPacing.p99(v));
        assertEquals(0, WriteImpactPacing.p99(new long[0]));
    }

    @Test
    void rejectsALimitOfOneOrLess() {
        assertThrows(IllegalArgumentException.class, () -> new WriteImpactPacing(1.0, BASELINE));
        assertThrows(IllegalArgumentException.class, () -> new WriteImpactPacing(Double.NaN, BASELINE));
    }

    @Test
    void describesAMoveInTheUsersWords() {
        WriteImpactPacing p = new WriteImpactPacing(1.5, 800);
        WriteImpactPacing.Move m = feed(p, 6, i -> 5000).get(0);
        assertEquals("pacing up: 6 of 6 probe writes over 1.20 ms (1.5x their p99 of 0.80 ms before the backfill);"
                + " now ~5 ms batches, sleep 49x their duration", p.describe(m));
    }
}
