package dev.phasewise.run.backfill;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Paces a backfill by what it does to the application's writes, measured, instead of by a fixed
 * sleep. A {@link WriteProbe} times one small write every few milliseconds; before the first batch
 * those timings give the writes' p99 when the backfill is not running, and from then on a write
 * slower than {@code limit} times that p99 is a <em>slow</em> one. The application's p99 stays
 * within the limit as long as fewer than 1% of writes are slow, so that is what this watches.
 *
 * <p>The pacing moves along a ladder of settings measured on the backfill benchmark's curve, from
 * the job's own batches without sleep to 5 ms batches separated by 99 times their length (see
 * {@link #RUNGS}). Why a ladder and not a sleep ratio alone: the writes' tail follows the length of
 * the batch a write meets more than how often it meets one, so the first rungs shorten the batches
 * and only then lengthen the sleeps. It starts cautious, at a rung that was within the limit in most
 * benchmark runs, climbs one rung as soon as more than 0.7% of the writes since the last move were
 * slow (at least 300 of them, or at once on a burst of 6 slow ones among fewer), and comes down one
 * rung only after 1,000 writes with at most 0.4% slow (the probe's own tail, idle, is about there); a descent that had to be undone at once makes the next descent from that rung
 * wait twice as long, so a rung that does not hold is not tried every few seconds.
 *
 * <p>Thread-safe: the probe records, the workers read the current rung.
 */
final class WriteImpactPacing {
    /**
     * One pacing setting.
     *
     * @param batchMs    the longest batch it allows (target duration of an adaptive batch), or null for the job's own
     * @param sleepRatio the least sleep after a batch, in multiples of the batch's duration
     */
    record Rung(Integer batchMs, double sleepRatio) {
        String describe() {
            String batch = batchMs == null ? "the job's own batches" : "~" + batchMs + " ms batches";
            return sleepRatio == 0 ? batch + ", no sleep"
                    : batch + ", sleep " + fmt(sleepRatio) + "x their duration";
        }
    }

    static final List<Rung> RUNGS = List.of(new Rung(null, 0), new Rung(20, 1), new Rung(10, 2), new Rung(5, 4),
            new Rung(5, 9), new Rung(5, 19), new Rung(5, 49), new Rung(5, 99));
    /** Ratio 19 with 5 ms batches: within 1.5x in most benchmark runs; a safe place to start from. */
    static final int START = 5;

    static final int UP_WINDOW = 300;
    static final double UP_SHARE = 0.007;
    static final int UP_BURST = 6;
    static final int DOWN_WINDOW = 1000;
    static final double DOWN_SHARE = 0.004;

    /** A move of the pacing, for the run's events. */
    record Move(int from, int to, int writes, int slow) {
        boolean up() {
            return to > from;
        }
    }

    private final double limit;
    private final long baselineP99Micros;
    private final long slowMicros;
    private final int[] downPatience = new int[RUNGS.size()];
    private int rung;
    private int writes;
    private int slow;
    private boolean justDescended;

    /**
     * @param limit             how many times the idle p99 the writes' p99 may become (> 1)
     * @param baselineP99Micros the probe writes' p99 before the backfill
     */
    WriteImpactPacing(double limit, long baselineP99Micros) {
        if (!(limit > 1)) {
            throw new IllegalArgumentException("the write impact limit must be more than 1");
        }
        this.limit = limit;
        this.baselineP99Micros = Math.max(1, baselineP99Micros);
        this.slowMicros = Math.round(this.baselineP99Micros * limit);
        this.rung = START;
        Arrays.fill(downPatience, DOWN_WINDOW);
    }

    /** The p99 of a sample of probe timings, in microseconds. */
    static long p99(long[] micros) {
        long[] sorted = micros.clone();
        Arrays.sort(sorted);
        if (sorted.length == 0) {
            return 0;
        }
        int i = (int) Math.ceil(0.99 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
    }

    /** Records one probe write; returns the move it caused, or null. */
    synchronized Move record(long micros) {
        writes++;
        if (micros > slowMicros) {
            slow++;
        }
        // a burst: 6 slow in under 300 writes (over 2%); else more than 0.7% of a window of 300 or more
        boolean over = writes < UP_WINDOW ? slow >= UP_BURST : slow > UP_SHARE * writes;
        if (over && rung < RUNGS.size() - 1) {
            if (justDescended) {
                // the rung just left was needed: staying on it should be tried less often
                downPatience[rung + 1] = Math.min(downPatience[rung + 1] * 2, 16 * DOWN_WINDOW);
            }
            return move(rung + 1);
        }
        if (writes >= UP_WINDOW) {
            justDescended = false;
        }
        if (writes >= downPatience[rung] && slow <= DOWN_SHARE * writes && rung > 0) {
            Move m = move(rung - 1);
            justDescended = true;
            return m;
        }
        if (writes >= downPatience[rung] && writes >= 2 * UP_WINDOW) {
            // neither clearly over nor clearly under: hold, and judge the next writes afresh
            writes = 0;
            slow = 0;
        }
        return null;
    }

    private Move move(int to) {
        Move m = new Move(rung, to, writes, slow);
        rung = to;
        writes = 0;
        slow = 0;
        justDescended = false;
        return m;
    }

    synchronized Rung current() {
        return RUNGS.get(rung);
    }

    synchronized int rungIndex() {
        return rung;
    }

    long baselineP99Micros() {
        return baselineP99Micros;
    }

    long slowMicros() {
        return slowMicros;
    }

    double limit() {
        return limit;
    }

    /** One line for the run's events. */
    String describe(Move m) {
        return "pacing " + (m.up() ? "up" : "down") + ": " + m.slow() + " of " + m.writes() + " probe writes over "
                + ms(slowMicros) + " (" + fmt(limit) + "x their p99 of " + ms(baselineP99Micros)
                + " before the backfill); now " + RUNGS.get(m.to()).describe();
    }

    static String ms(long micros) {
        return String.format(Locale.ROOT, "%.2f ms", micros / 1000.0);
    }

    static String fmt(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }
}
