package dev.phasewise.analysis.rules;

import dev.phasewise.analysis.schema.Relation;

import java.util.Locale;

/** Human wording shared by rule messages. */
final class Describe {
    private Describe() {
    }

    static String relation(Relation r) {
        if (r.estimatedRows() < 0) {
            return r.name().display();
        }
        return r.name().display() + " (" + rows(r.estimatedRows()) + " rows, " + bytes(r.totalBytes()) + ")";
    }

    static String rows(long n) {
        if (n >= 1_000_000) {
            return String.format(Locale.ROOT, "%.1f M", n / 1e6);
        }
        if (n >= 1_000) {
            return String.format(Locale.ROOT, "%.1f k", n / 1e3);
        }
        return Long.toString(n);
    }

    static String bytes(long b) {
        if (b >= 1L << 30) {
            return String.format(Locale.ROOT, "%.1f GB", b / (double) (1L << 30));
        }
        if (b >= 1L << 20) {
            return String.format(Locale.ROOT, "%.1f MB", b / (double) (1L << 20));
        }
        return String.format(Locale.ROOT, "%d kB", Math.max(0, b) / 1024);
    }
}
