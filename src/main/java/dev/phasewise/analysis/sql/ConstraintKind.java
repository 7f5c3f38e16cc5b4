package dev.phasewise.analysis.sql;

public enum ConstraintKind {
    CHECK, UNIQUE, PRIMARY_KEY, FOREIGN_KEY, EXCLUDE, NOT_NULL
}
