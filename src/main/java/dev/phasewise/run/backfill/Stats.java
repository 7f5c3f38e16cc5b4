package dev.phasewise.run.backfill;

import java.util.ArrayDeque;

/** Batch durations (a fixed-size millisecond histogram: constant memory) and a recent rows/s window. */
final class Stats {
    private static final int MAX_MS = 60_000;
    private static final long WINDOW_NANOS = 10_000_000_000L;

    private final int[] histogram = new int[MAX_MS + 1];
    private long count;
    private long max;
    private final ArrayDeque<long[]> samples = new ArrayDeque<>();

    synchronized void batch(long millis) {
        histogram[(int) Math.min(MAX_MS, Math.max(0, millis))]++;
        count++;
        max = Math.max(max, millis);
    }

    synchronized long percentile(double p) {
        if (count == 0) {
            return 0;
        }
        long rank = (long) Math.ceil(p * count);
        long seen = 0;
        for (int i = 0; i <= MAX_MS; i++) {
            seen += histogram[i];
            if (seen >= rank) {
                return i == MAX_MS ? max : i;
            }
        }
        return max;
    }

    synchronized long max() {
        return max;
    }

    /** Records (now, rows done) and returns rows/s over the last ~10 s. */
    synchronized double rate(long now, long rows) {
        samples.addLast(new long[] {now, rows});
        while (samples.size() > 2 && (now - samples.peekFirst()[0] > WINDOW_NANOS || samples.size() > 4096)) {
            samples.removeFirst();
        }
        long[] first = samples.peekFirst();
        long dt = now - first[0];
        return dt <= 0 ? 0 : (rows - first[1]) * 1e9 / dt;
    }
}
