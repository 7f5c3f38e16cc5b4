package dev.phasewise.db.trace;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What to run after a non-transactional statement (which commits) to put the schema back as it
 * was, worked out from catalog snapshots taken before and after it, not from the statement's
 * text: what PostgreSQL actually changed is what must be undone. A difference it cannot undo is
 * listed, so that the trace reports it instead of leaving it silently behind.
 *
 * <p>Undoing uses the concurrent forms, so that a rehearsal does not block staging's traffic.
 */
public record Undo(List<String> statements, List<String> cannotUndo) {

    public static Undo between(CatalogSnapshot before, CatalogSnapshot after) {
        List<String> sql = new ArrayList<>();
        List<String> cannot = new ArrayList<>();
        Map<String, String> was = before.objects();
        Map<String, String> now = after.objects();
        for (Map.Entry<String, String> e : now.entrySet()) {
            String key = e.getKey();
            String old = was.get(key);
            if (old != null && old.equals(e.getValue())) {
                continue;
            }
            if (key.startsWith("index ")) {
                if (old == null) {
                    sql.add("DROP INDEX CONCURRENTLY IF EXISTS " + key.substring("index ".length()));
                }
                // a changed definition of the same index (REINDEX) needs nothing
            } else if (key.startsWith("relation ") && old != null && isIndexKind(old)) {
                continue;
            } else if (key.startsWith("constraint ") && old == null) {
                // DETACH PARTITION CONCURRENTLY keeps the partition bound as a CHECK constraint
                String target = key.substring("constraint ".length());
                int dot = target.lastIndexOf('.');
                sql.add("ALTER TABLE " + target.substring(0, dot) + " DROP CONSTRAINT " + target.substring(dot + 1));
            } else if (key.startsWith("relation ") && old != null && !old.equals(e.getValue())) {
                String[] parts = old.split(" ", 3);
                if (parts.length == 3 && e.getValue().length() == 1) {
                    // detached: attach it again where it was, with the bound it had
                    sql.add("ALTER TABLE " + parts[1] + " ATTACH PARTITION " + key.substring("relation ".length())
                            + " " + parts[2]);
                } else {
                    cannot.add("~ " + key + ": " + old + " -> " + e.getValue());
                }
            } else if (!(key.startsWith("relation ") && isIndexKind(e.getValue()))) {
                cannot.add((old == null ? "+ " : "~ ") + key + ": " + e.getValue());
            }
        }
        for (Map.Entry<String, String> e : was.entrySet()) {
            String key = e.getKey();
            if (now.containsKey(key)) {
                continue;
            }
            if (key.startsWith("index ")) {
                String def = e.getValue();
                if (!def.endsWith("(INVALID)")) {
                    sql.add(def.replaceFirst("^CREATE (UNIQUE )?INDEX ", "CREATE $1INDEX CONCURRENTLY "));
                }
            } else if (!(key.startsWith("relation ") && isIndexKind(e.getValue()))) {
                cannot.add("- " + key + ": " + e.getValue());
            }
        }
        return new Undo(sql, cannot);
    }

    private static boolean isIndexKind(String relationValue) {
        return relationValue.startsWith("i") || relationValue.startsWith("I");
    }
}
