package dev.phasewise.analysis.sql;

/**
 * How the parser turns a name as written into the object PostgreSQL means by it. An unqualified
 * name means different objects under different {@code search_path} settings: the parser asks the
 * resolver at the place it reads the name, so every later comparison of names (this index is on
 * that table, this foreign key references that one) compares what the server compares.
 */
public interface NameResolver {
    /** Names as written: an unqualified name is the object in public, PostgreSQL's default path. */
    NameResolver AS_WRITTEN = new NameResolver() {
        @Override
        public QualifiedName existing(QualifiedName written) {
            return written;
        }

        @Override
        public QualifiedName created(QualifiedName written) {
            return written;
        }

        @Override
        public String type(String written) {
            return written;
        }
    };

    /** A name that refers to an object (a table, view, sequence, index or type): the first schema of the path holding one. */
    QualifiedName existing(QualifiedName written);

    /** The name of an object being created: it goes into the first schema of the path. */
    QualifiedName created(QualifiedName written);

    /** A column's type as written ({@code mood}, {@code app.mood}): the key the schema model files it under. */
    String type(String written);
}
