package dev.phasewise.analysis.cost;

import java.util.Locale;

/** Sizes and counts as people read them. */
public final class Bytes {
    private Bytes() {
    }

    public static String human(long b) {
        if (b >= 1L << 30) {
            return String.format(Locale.ROOT, "%.1f GB", b / (double) (1L << 30));
        }
        if (b >= 1L << 20) {
            return String.format(Locale.ROOT, "%.1f MB", b / (double) (1L << 20));
        }
        return String.format(Locale.ROOT, "%d kB", Math.max(0, b) / 1024);
    }

    public static String rows(long n) {
        if (n >= 1_000_000) {
            return String.format(Locale.ROOT, "%.1f M", n / 1e6);
        }
        if (n >= 1_000) {
            return String.format(Locale.ROOT, "%.1f k", n / 1e3);
        }
        return Long.toString(n);
    }
}
