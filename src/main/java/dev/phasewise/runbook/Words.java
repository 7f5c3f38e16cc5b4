package dev.phasewise.runbook;

import java.util.Locale;

/** Durations, counts and rates as a runbook prints them. */
final class Words {
    private Words() {
    }

    /** "6 min 10 s", "2.3 s", "140 ms", "1 h 05 min". */
    static String duration(double seconds) {
        if (seconds < 1) {
            return Math.round(seconds * 1000) + " ms";
        }
        if (seconds < 10) {
            return String.format(Locale.ROOT, "%.1f s", seconds);
        }
        long s = Math.round(seconds);
        if (s < 60) {
            return s + " s";
        }
        if (s < 3600) {
            return (s / 60) + " min " + (s % 60) + " s";
        }
        return (s / 3600) + " h " + String.format(Locale.ROOT, "%02d", (s % 3600) / 60) + " min";
    }

    static String millis(long ms) {
        return duration(ms / 1000.0);
    }

    /** 4,213,000 */
    static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    /** 4.2 M, 11.4 k, 950 */
    static String shortCount(double n) {
        if (n >= 1_000_000) {
            return String.format(Locale.ROOT, "%.1f M", n / 1e6);
        }
        if (n >= 10_000) {
            return String.format(Locale.ROOT, "%.1f k", n / 1e3);
        }
        return count(Math.round(n));
    }

    static String rate(double rowsPerSecond) {
        return count(Math.round(rowsPerSecond)) + " rows/s";
    }

    static String ratio(double r) {
        return String.format(Locale.ROOT, r >= 10 ? "%.0f×" : "%.1f×", r);
    }
}
