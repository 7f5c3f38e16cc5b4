package dev.phasewise.analysis.cost;

import dev.phasewise.analysis.pg.LockMode;

import java.util.Locale;

/**
 * How long one statement may hold its lock on one table: the work it does there, on how many
 * bytes, and the time that takes at the server's measured throughput.
 */
public record DurationEstimate(String table, LockMode lock, WorkKind work, long bytes, long rows, double seconds) {

    /** "scan of the 2.2 GB heap (1.0 M rows) under ShareLock: about 40 s". */
    public String describe() {
        return work.words() + " of " + workSize() + " under " + lock.pgName() + ": about " + humanSeconds(seconds);
    }

    /** "the 2.2 GB heap (1.0 M rows)": the bytes the work goes through, labelled as the table's own size is. */
    public String workSize() {
        return work.sized(Bytes.human(bytes)) + (rows >= 0 ? " (" + Bytes.rows(rows) + " rows)" : "");
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
