package dev.phasewise.analysis.cost;

import dev.phasewise.analysis.LockMode;

import java.util.Locale;

/**
 * How long one statement may hold its lock on one table: the work it does there, on how many
 * bytes, and the time that takes at the server's measured throughput.
 */
public record DurationEstimate(String table, LockMode lock, WorkKind work, long bytes, long rows, double seconds) {

    /** "rewrite of 2.1 GB under AccessExclusiveLock: about 40 s". */
    public String describe() {
        return work.words() + " of " + Bytes.human(bytes) + (rows >= 0 ? " (" + Bytes.rows(rows) + " rows)" : "")
                + " under " + lock.pgName() + ": about " + humanSeconds(seconds);
    }

    static String humanSeconds(double s) {
        if (s < 1) {
            return "under 1 s";
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
