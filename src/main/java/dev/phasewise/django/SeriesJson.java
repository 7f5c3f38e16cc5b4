package dev.phasewise.django;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;

/** A made-safe series as the JSON the Python helper reads to write the migration files. */
final class SeriesJson {
    private SeriesJson() {
    }

    /** {@code doc} is the docstring's first line for each file; the phase, the gate and the checklist follow it. */
    static String of(List<SeriesMigration> series, String doc) {
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode root = mapper.createObjectNode();
        ArrayNode migrations = root.putArray("migrations");
        for (int i = 0; i < series.size(); i++) {
            SeriesMigration m = series.get(i);
            ObjectNode node = migrations.addObject();
            node.put("name", m.name());
            node.put("atomic", m.atomic());
            node.put("stateAtEnd", m.stateAtEnd());
            node.put("doc", docstring(m, i + 1, series.size(), doc));
            ArrayNode ops = node.putArray("operations");
            for (SeriesOperation op : m.operations()) {
                ObjectNode o = ops.addObject();
                if (op instanceof SeriesOperation.Batches b) {
                    o.put("type", "batches");
                    o.put("title", b.title());
                    o.put("function", b.function());
                    o.put("firstKey", b.firstKey());
                    o.put("nextKey", b.nextKey());
                    o.put("batch", b.batch());
                    o.put("rows", b.rows());
                    o.put("rerun", b.rerun());
                } else if (op instanceof SeriesOperation.OriginalCode c) {
                    o.put("type", "code");
                    o.put("title", c.title());
                } else if (op instanceof SeriesOperation.RunSql r) {
                    o.put("type", "sql");
                    o.put("title", r.title());
                    r.sql().forEach(o.putArray("sql")::add);
                    if (r.reverse() != null) {
                        r.reverse().forEach(o.putArray("reverse")::add);
                    }
                }
            }
        }
        return root.toString();
    }

    private static String docstring(SeriesMigration m, int index, int count, String doc) {
        StringBuilder s = new StringBuilder(doc).append("\n\n").append(index).append(" of ").append(count)
                .append(", phase ").append(m.phase().label())
                .append(m.atomic() ? " (one transaction):" : " (outside a transaction: each statement and batch commits on its own):");
        for (SeriesOperation op : m.operations()) {
            s.append("\n- ").append(op.title());
        }
        if (m.gateAfter() != null) {
            s.append("\n\nBefore the next migration: ").append(m.gateAfter());
            for (String item : m.checklist()) {
                s.append("\n- ").append(item);
            }
        }
        return s.append("\n").toString();
    }
}
