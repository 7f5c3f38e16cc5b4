package dev.phasewise.convert;

import dev.phasewise.analysis.cost.Bytes;
import dev.phasewise.analysis.cost.DurationEstimate;
import dev.phasewise.analysis.cost.TableEffect;
import dev.phasewise.analysis.sql.QualifiedName;

import java.util.Locale;
import java.util.Optional;

/** How the original statement would hold its lock on a table, in the account's words. */
final class Risk {
    private Risk() {
    }

    /** With its article, e.g. "an ACCESS EXCLUSIVE lock on articles_article (1.0 M rows) for ~25 s while it rewrites the table". */
    static String of(Unit unit, QualifiedName table) {
        Optional<TableEffect> effect = unit.effectOn(table);
        if (effect.isEmpty()) {
            return "no lock on " + table.display();
        }
        TableEffect e = effect.get();
        long rows = e.relation().estimatedRows();
        String size = rows >= 0 ? " (" + Bytes.rows(rows) + " rows)" : "";
        String work = e.rewrite() ? " while it rewrites the table" : e.scan() ? " while it reads every row" : "";
        Optional<DurationEstimate> estimate = unit.analysis().estimateFor(e.name());
        String time = estimate.map(d -> String.format(Locale.ROOT, " for ~%s", seconds(d.seconds()))).orElse("");
        String lock = e.lock().sqlName();
        return (lock.startsWith("A") || lock.startsWith("E") ? "an " : "a ") + lock + " lock on " + e.name() + size + time
                + work;
    }

    /** " (1.0 M rows)" when a catalog sized the table, else "". */
    static String size(Unit unit, QualifiedName table) {
        return unit.effectOn(table).map(e -> e.relation().estimatedRows()).filter(n -> n >= 0)
                .map(n -> " (" + Bytes.rows(n) + " rows)").orElse("");
    }

    private static String seconds(double s) {
        if (s < 1) {
            return String.format(Locale.ROOT, "%.0f ms", s * 1000);
        }
        if (s < 120) {
            return String.format(Locale.ROOT, "%.0f s", s);
        }
        return String.format(Locale.ROOT, "%.0f min", s / 60);
    }
}
