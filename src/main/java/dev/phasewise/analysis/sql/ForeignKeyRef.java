package dev.phasewise.analysis.sql;

import java.util.List;

/**
 * The REFERENCES part of a foreign key. {@code onDelete} is the action word, e.g. "cascade".
 * {@code plain}: nothing else was written (no MATCH, ON UPDATE, column list after SET NULL / SET
 * DEFAULT, DEFERRABLE, INITIALLY, NOT ENFORCED), so that the table, columns and ON DELETE alone
 * make the same foreign key again.
 */
public record ForeignKeyRef(QualifiedName table, List<String> columns, String onDelete, boolean plain) {

    public ForeignKeyRef notPlain() {
        return new ForeignKeyRef(table, columns, onDelete, false);
    }
}
