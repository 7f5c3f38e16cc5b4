package dev.phasewise.analysis.sql;

/** A relation named in a query, with its alias (or null) and whether ONLY excluded its children. */
public record RelationRef(QualifiedName name, String alias, boolean only) {
}
