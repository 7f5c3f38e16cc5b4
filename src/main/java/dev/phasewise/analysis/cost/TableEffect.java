package dev.phasewise.analysis.cost;

import dev.phasewise.analysis.pg.LockMode;
import dev.phasewise.analysis.schema.Relation;

/**
 * What one statement does to one existing relation: the strongest lock it takes, and whether
 * it rewrites the relation (a new relfilenode) or scans all of it. {@code name} is the
 * relation's name when the statement ran (a later rename does not change it).
 */
public record TableEffect(String name, Relation relation, LockMode lock, boolean rewrite, boolean scan) {

    /** Existed before the migration, so it may hold rows that applications use. */
    public boolean preexisting() {
        return !relation.createdByMigration();
    }
}
