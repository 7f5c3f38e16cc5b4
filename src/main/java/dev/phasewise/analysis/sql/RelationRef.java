package dev.phasewise.analysis.sql;

/** A relation named in a query, with its alias (or null) and whether ONLY excluded its children. */
public record RelationRef(QualifiedName name, String alias, boolean only) {

    /** True when a column qualifier ({@code a.col}) denotes this relation. */
    public boolean isQualifiedBy(String qualifier) {
        return qualifier.equals(alias) || qualifier.equals(name.name());
    }
}
