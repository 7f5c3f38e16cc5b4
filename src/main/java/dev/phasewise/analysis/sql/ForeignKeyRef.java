package dev.phasewise.analysis.sql;

import java.util.List;

/** The REFERENCES part of a foreign key. {@code onDelete} is the action word, e.g. "cascade". */
public record ForeignKeyRef(QualifiedName table, List<String> columns, String onDelete) {
}
