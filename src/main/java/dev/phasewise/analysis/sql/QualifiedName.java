package dev.phasewise.analysis.sql;

import java.util.Objects;

/**
 * A possibly schema-qualified relation or object name, already folded as PostgreSQL folds it.
 * Names in {@code public} (the default search path) and unqualified names are the same object.
 * Identity is structural, the schema and the name as two parts: a quoted {@code "archive.t"} is
 * a table of public whose name holds a dot, never {@code archive.t}.
 */
public record QualifiedName(String schema, String name) {

    public static QualifiedName of(String name) {
        return new QualifiedName(null, name);
    }

    /** Which object the name means: its schema (public when none is written) and its name. */
    public record Key(String schema, String name) {
        // written out, not the record's generated ones: those link an invokedynamic on first use, which
        // spins method-handle classes that no AOT cache holds (measurable in a one-statement lint)
        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(schema, k.schema) && Objects.equals(name, k.name);
        }

        @Override
        public int hashCode() {
            return 31 * Objects.hashCode(schema) + Objects.hashCode(name);
        }

        @Override
        public String toString() {
            return new QualifiedName(schema, name).display();
        }
    }

    /** The key under which the schema model files this object. */
    public Key key() {
        return new Key(schema == null ? "public" : schema, name);
    }

    /** True when both names mean the same object (x and public.x do; "archive.x" and archive.x do not). */
    public boolean sameAs(QualifiedName other) {
        return other != null && key().equals(other.key());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof QualifiedName q && key().equals(q.key());
    }

    @Override
    public int hashCode() {
        return Objects.hash(key());
    }

    /**
     * How the name reads in messages and output: unqualified in public, qualified elsewhere; a
     * part that holds a dot is quoted, so that "archive.t" and archive.t read apart.
     */
    public String display() {
        String n = readable(name);
        return schema == null || "public".equals(schema) ? n : readable(schema) + "." + n;
    }

    private static String readable(String part) {
        return part.indexOf('.') >= 0 ? Identifiers.quote(part) : part;
    }

    /** The name as a safely quoted SQL identifier, for generated SQL. */
    public String quoted() {
        return schema == null ? Identifiers.quote(name) : Identifiers.quote(schema) + "." + Identifiers.quote(name);
    }

    @Override
    public String toString() {
        return display();
    }
}
