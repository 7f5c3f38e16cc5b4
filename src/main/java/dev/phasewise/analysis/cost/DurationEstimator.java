package dev.phasewise.analysis.cost;

import dev.phasewise.analysis.schema.SchemaModel;
import dev.phasewise.analysis.schema.TableSize;
import dev.phasewise.analysis.sql.Command;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns a statement's effects into durations: for every table it rewrites, scans or indexes
 * that a catalog has sized, the bytes involved divided by the server's measured throughput.
 * Tables without a known size (a schema file described them) get no estimate rather than a guess.
 */
public final class DurationEstimator {
    private final Throughput throughput;

    public DurationEstimator(Throughput throughput) {
        this.throughput = throughput;
    }

    public List<DurationEstimate> estimate(Command command, List<TableEffect> effects, SchemaModel schema) {
        List<DurationEstimate> out = new ArrayList<>();
        for (TableEffect e : effects) {
            TableSize size = e.relation().size();
            if (!e.preexisting() || !size.known() || !(e.rewrite() || e.scan())) {
                continue;
            }
            long heap = size.heapBytes() + Math.max(0, size.toastBytes());
            if (e.rewrite()) {
                int indexes = schema.indexesOn(e.relation()).size();
                double s = heap / throughput.rewriteBytesPerSecond()
                        + indexes * size.heapBytes() / throughput.indexBuildBytesPerSecond();
                out.add(new DurationEstimate(e.name(), e.lock(), WorkKind.REWRITE, size.totalBytes(), size.rows(), s));
            } else if (command instanceof Command.CreateIndex ci) {
                // CONCURRENTLY scans the table twice: once to build, once to validate
                double s = size.heapBytes() / throughput.indexBuildBytesPerSecond()
                        + (ci.concurrently() ? size.heapBytes() / throughput.scanBytesPerSecond() : 0);
                out.add(new DurationEstimate(e.name(), e.lock(), WorkKind.INDEX_BUILD, size.heapBytes(), size.rows(), s));
            } else {
                double s = size.heapBytes() / throughput.scanBytesPerSecond();
                out.add(new DurationEstimate(e.name(), e.lock(), WorkKind.SCAN, size.heapBytes(), size.rows(), s));
            }
        }
        return out;
    }
}
