package dev.phasewise.analysis.schema;

/**
 * How big a relation is, as a live catalog reports it: the planner's row estimate and the bytes
 * of its heap, its indexes and its TOAST table. What a lock costs depends on them: a rewrite
 * writes all of it again, a scan reads the heap.
 */
public record TableSize(long rows, long heapBytes, long indexBytes, long toastBytes) {

    /** Known from no catalog (a schema file described the table). */
    public static final TableSize UNKNOWN = new TableSize(-1, -1, -1, -1);

    public boolean known() {
        return heapBytes >= 0;
    }

    public long totalBytes() {
        return known() ? heapBytes + Math.max(0, indexBytes) + Math.max(0, toastBytes) : -1;
    }

    /** What a sequential scan reads: the heap and its out-of-line values only when detoasted, so the heap. */
    public long scannedBytes() {
        return heapBytes;
    }
}
