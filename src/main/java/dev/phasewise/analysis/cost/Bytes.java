package dev.phasewise.analysis.cost;

import dev.phasewise.analysis.schema.TableSize;

import java.util.Locale;

/**
 * Sizes and counts as people read them: one formatter (1024-based, as PostgreSQL's pg_size_pretty) and one
 * way to say a table's size, so that a message and an estimate about the same table never show two unlabelled
 * numbers (its size on disk counts indexes and TOAST, a scan reads only the heap).
 */
public final class Bytes {
    private Bytes() {
    }

    /** A table's size, e.g. "2.4 GB on disk, heap 2.2 GB": all of it, and the heap a scan reads. */
    public static String table(TableSize size) {
        if (!size.known()) {
            return "size unknown";
        }
        String total = human(size.totalBytes()) + " on disk";
        return size.totalBytes() == size.heapBytes() ? total : total + ", heap " + human(size.heapBytes());
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
