package dev.phasewise.analysis.schema;

import dev.phasewise.analysis.sql.QualifiedName;

import java.util.List;

/**
 * An index: the table it belongs to, its key (plain column names; expressions as text), and
 * whether it is unique, partial or (after a failed concurrent build) invalid.
 */
public record Index(QualifiedName name, QualifiedName table, List<String> columns, boolean unique,
                    boolean partial, boolean valid) {

    /** True when the index can serve a lookup on these columns: they form a prefix of its key. */
    public boolean leadsWith(List<String> lookupColumns) {
        if (lookupColumns.isEmpty() || columns.size() < lookupColumns.size()) {
            return false;
        }
        return columns.subList(0, lookupColumns.size()).containsAll(lookupColumns);
    }
}
