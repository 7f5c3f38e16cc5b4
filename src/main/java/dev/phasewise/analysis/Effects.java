package dev.phasewise.analysis;

import dev.phasewise.analysis.cost.TableEffect;
import dev.phasewise.analysis.pg.LockMode;
import dev.phasewise.analysis.schema.Relation;
import dev.phasewise.analysis.sql.QualifiedName;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Collects a statement's effects, merging those on the same relation (strongest lock wins). */
final class Effects {
    private final Map<QualifiedName.Key, TableEffect> byKey = new LinkedHashMap<>();

    void add(Relation relation, LockMode lock, boolean rewrite, boolean scan) {
        boolean storage = relation.kind().hasStorage();
        TableEffect next = new TableEffect(relation.name().display(), relation, lock, rewrite && storage,
                scan && storage);
        byKey.merge(relation.name().key(), next, (a, b) -> new TableEffect(a.name(), relation,
                LockMode.strongest(a.lock(), b.lock()), a.rewrite() || b.rewrite(), a.scan() || b.scan()));
    }

    void lock(Relation relation, LockMode lock) {
        add(relation, lock, false, false);
    }

    List<TableEffect> list() {
        return new ArrayList<>(byKey.values());
    }
}
