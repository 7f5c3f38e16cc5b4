package dev.phasewise.analysis.sql;

/**
 * A possibly schema-qualified relation or object name, already folded as PostgreSQL folds it.
 * Names in {@code public} (the default search path) and unqualified names are the same object.
 */
public record QualifiedName(String schema, String name) {

    public static QualifiedName of(String name) {
        return new QualifiedName(null, name);
    }

    /** The key under which the schema model files this object. */
    public String key() {
        return schema == null || "public".equals(schema) ? name : schema + "." + name;
    }

    /** How the name reads in messages and output: unqualified in public, qualified elsewhere. */
    public String display() {
        return key();
    }

    /** The name as a safely quoted SQL identifier, for generated SQL. */
    public String quoted() {
        return schema == null ? Identifiers.quote(name) : Identifiers.quote(schema) + "." + Identifiers.quote(name);
    }

    @Override
    public String toString() {
        return key();
    }
}
