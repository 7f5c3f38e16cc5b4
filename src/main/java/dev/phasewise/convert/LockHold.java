package dev.phasewise.convert;

import dev.phasewise.analysis.pg.LockMode;

import java.util.Locale;

/**
 * How one statement, or one step of a plan, holds a lock on one table: the lock, for how long, and
 * what happens while it is held.
 *
 * @param lock     the table lock
 * @param seconds  how long it is held: 0 for a moment (metadata only, a batch), NaN when no size or
 *                 throughput gave an estimate of the work done under it
 * @param rowLocks it also holds row locks on every row of the table until it commits (a whole-table
 *                 UPDATE or DELETE), so the application's writes of those rows wait as if the table
 *                 lock blocked them
 * @param what     the work under the lock, in words ("rewrite of 2.4 GB on disk (1.0 M rows)")
 * @param times    how many statements or steps hold it so (three metadata-only ALTERs are one line)
 */
public record LockHold(LockMode lock, double seconds, boolean rowLocks, String what, int times) {

    /** The application's writes (or reads) wait while it is held. */
    public boolean applicationWaits() {
        return lock.blocksWrites() || rowLocks;
    }

    public boolean durationKnown() {
        return !Double.isNaN(seconds);
    }

    /** "ACCESS EXCLUSIVE for ~25 s: rewrite of 2.4 GB on disk (1.0 M rows)", "ACCESS EXCLUSIVE: metadata only". */
    public String describe() {
        return (times > 1 ? times + " × " : "") + lock.sqlName() + (seconds > 0 ? " for ~" + humanSeconds(seconds) : "") + ": " + what;
    }

    /**
     * How much the application suffers from it, to pick a table's worst hold: a hold the application
     * waits behind outranks one it does not, then the longer (an unknown duration counts as long: the
     * work is there, only its size is not), then the stronger lock.
     */
    double harm() {
        double time = Double.isNaN(seconds) ? 1e9 : seconds;
        return (applicationWaits() ? 1e12 : 0) + time * 10 + lock.ordinal();
    }

    static String humanSeconds(double s) {
        if (s < 1) {
            return "1 s";
        }
        if (s < 90) {
            return Math.round(s) + " s";
        }
        if (s < 5400) {
            return Math.round(s / 60) + " min";
        }
        return String.format(Locale.ROOT, "%.1f h", s / 3600);
    }
}
