package dev.phasewise.convert;

import dev.phasewise.analysis.schema.Constraint;
import dev.phasewise.analysis.schema.Relation;
import dev.phasewise.analysis.sql.ConstraintKind;
import dev.phasewise.analysis.sql.QualifiedName;

import java.util.List;
import java.util.Optional;

/** The key a backfill walks in batches: the table's single-column primary key. */
final class Keys {
    /** Assumed for a table no schema file or catalog described, and said so in the account. */
    static final String ASSUMED = "id";

    private Keys() {
    }

    /**
     * The primary key column; {@link #ASSUMED} when the table is unknown (no schema given); empty when the
     * table is known and has no single-column primary key, so it cannot be walked in keyset batches.
     */
    static Optional<String> of(Unit unit, QualifiedName table) {
        Optional<Relation> r = unit.relation(table);
        if (r.isEmpty() || !r.get().declared()) {
            return Optional.of(ASSUMED);
        }
        List<Constraint> pk = r.get().constraintsOfKind(ConstraintKind.PRIMARY_KEY);
        if (pk.size() == 1 && pk.get(0).columns().size() == 1) {
            return Optional.of(pk.get(0).columns().get(0));
        }
        return Optional.empty();
    }

    static boolean assumed(Unit unit, QualifiedName table) {
        Optional<Relation> r = unit.relation(table);
        return r.isEmpty() || !r.get().declared();
    }
}
