package dev.phasewise.analysis.schema;

import dev.phasewise.analysis.sql.QualifiedName;

import java.util.List;

/**
 * An index: the table it belongs to, its key (plain column names; expressions as text), and
 * whether it is unique, partial or (after a failed concurrent build) invalid. {@code plain}: a
 * b-tree on plain columns with nothing else in its definition (no operator class, order, INCLUDE,
 * WITH or WHERE), so that its columns alone say how to build it again; false for the index of a
 * constraint, whose INCLUDE or WITH the model does not keep.
 */
public record Index(QualifiedName name, QualifiedName table, List<String> columns, boolean unique,
                    boolean partial, boolean valid, boolean plain) {

    /** The same index under another name, or on renamed columns, or with its validity changed. */
    public Index with(QualifiedName newName, QualifiedName newTable, List<String> newColumns, boolean isValid) {
        return new Index(newName, newTable, newColumns, unique, partial, isValid, plain);
    }

    /** True when the index can serve a lookup on these columns: they form a prefix of its key. */
    public boolean leadsWith(List<String> lookupColumns) {
        if (lookupColumns.isEmpty() || columns.size() < lookupColumns.size()) {
            return false;
        }
        return columns.subList(0, lookupColumns.size()).containsAll(lookupColumns);
    }
}
