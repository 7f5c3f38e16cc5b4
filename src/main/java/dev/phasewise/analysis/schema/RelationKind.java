package dev.phasewise.analysis.schema;

/** The kinds of relation Phasewise tracks, as {@code pg_class.relkind} distinguishes them. */
public enum RelationKind {
    TABLE, PARTITIONED_TABLE, VIEW, MATERIALIZED_VIEW, FOREIGN_TABLE;

    /** Has its own heap (a relfilenode that a rewrite replaces). */
    public boolean hasStorage() {
        return this == TABLE || this == MATERIALIZED_VIEW;
    }
}
