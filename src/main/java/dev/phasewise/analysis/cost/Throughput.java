package dev.phasewise.analysis.cost;

/**
 * How fast one server reads and writes tables, measured on that server (the {@code db}
 * package's probe), in bytes of heap per second. Estimates of how long a lock is held divide a
 * table's size by these rates; there is no built-in constant, since disks, caches and CPUs
 * differ by orders of magnitude between a laptop and a production-sized staging copy.
 *
 * @param scanBytesPerSecond       a sequential scan (a validation, SET NOT NULL's check)
 * @param rewriteBytesPerSecond    a table rewrite (ALTER COLUMN TYPE, VACUUM FULL, CLUSTER)
 * @param indexBuildBytesPerSecond building one B-tree index, per byte of the table's heap
 * @param source                   how it was measured, for the reader of the estimate
 */
public record Throughput(double scanBytesPerSecond, double rewriteBytesPerSecond, double indexBuildBytesPerSecond,
                         String source) {

    public Throughput {
        if (!(scanBytesPerSecond > 0 && rewriteBytesPerSecond > 0 && indexBuildBytesPerSecond > 0)) {
            throw new IllegalArgumentException("throughputs must be positive");
        }
    }
}
