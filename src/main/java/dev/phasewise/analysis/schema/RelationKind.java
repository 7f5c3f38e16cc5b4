package dev.phasewise.analysis.schema;

/** The kinds of relation Phasewise tracks, as {@code pg_class.relkind} distinguishes them. */
public enum RelationKind {
    TABLE, PARTITIONED_TABLE, VIEW, MATERIALIZED_VIEW, FOREIGN_TABLE;

    /** Has its own heap (a relfilenode that a rewrite replaces). */
    public boolean hasStorage() {
        return this == TABLE || this == MATERIALIZED_VIEW;
    }

    public String displayName() {
        return switch (this) {
            case TABLE -> "table";
            case PARTITIONED_TABLE -> "partitioned table";
            case VIEW -> "view";
            case MATERIALIZED_VIEW -> "materialized view";
            case FOREIGN_TABLE -> "foreign table";
        };
    }
}
