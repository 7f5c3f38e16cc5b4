package dev.phasewise.convert;

import dev.phasewise.analysis.schema.Relation;
import dev.phasewise.analysis.schema.SchemaModel;
import dev.phasewise.analysis.sql.QualifiedName;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The names PostgreSQL gives an index or constraint created without one (makeObjectName and
 * ChooseRelationName / ChooseConstraintName in its source), so that a rewrite that must name the
 * object explicitly (to validate it later, to attach an index as a constraint) ends with the name
 * the original statement would have produced.
 */
final class PgNames {
    /** NAMEDATALEN - 1: the longest identifier PostgreSQL keeps. */
    static final int MAX = 63;

    private PgNames() {
    }

    /** {@code name1_name2_label}, shortening the longer of the two names until it fits, as makeObjectName does. */
    static String objectName(String name1, String name2, String label) {
        int overhead = label.length() + 1 + (name2 == null ? 0 : 1);
        int n1 = bytes(name1);
        int n2 = name2 == null ? 0 : bytes(name2);
        int available = MAX - overhead;
        while (n1 + n2 > available) {
            if (n1 > n2) {
                n1--;
            } else {
                n2--;
            }
        }
        return clip(name1, n1) + (name2 == null ? "" : "_" + clip(name2, n2)) + "_" + label;
    }

    /** An index created by CREATE INDEX without a name: {@code table_col1_col2_idx} ("expr" for an expression). */
    static String index(SchemaModel schema, QualifiedName table, List<String> columns) {
        return unique(schema, table, objectName(table.name(), joined(columns), "idx"), true);
    }

    /** A constraint of the given kind: {@code pkey} (no columns), {@code key}, {@code fkey}, {@code check}. */
    static String constraint(SchemaModel schema, QualifiedName table, List<String> columns, String label) {
        String addition = columns.isEmpty() ? null : joined(columns);
        // a unique or primary key constraint brings an index of the same name, which must not clash with any relation
        boolean relationName = label.equals("key") || label.equals("pkey");
        return unique(schema, table, objectName(table.name(), addition, label), relationName);
    }

    private static String joined(List<String> columns) {
        StringBuilder b = new StringBuilder();
        for (String c : columns) {
            if (b.length() > 0) {
                b.append('_');
            }
            b.append(c);
            if (b.length() >= MAX) {
                break;
            }
        }
        return b.toString();
    }

    /** Appends 1, 2, ... while the name is taken, as PostgreSQL does (it shortens the base to make room). */
    private static String unique(SchemaModel schema, QualifiedName table, String name, boolean relationName) {
        String candidate = name;
        for (int n = 1; taken(schema, table, candidate, relationName); n++) {
            String suffix = Integer.toString(n);
            candidate = clip(name, MAX - suffix.length()) + suffix;
        }
        return candidate;
    }

    private static boolean taken(SchemaModel schema, QualifiedName table, String name, boolean asRelation) {
        Relation r = schema.find(table).orElse(null);
        if (r != null && r.constraint(name).isPresent()) {
            return true;
        }
        if (asRelation) {
            QualifiedName qualified = new QualifiedName(table.schema(), name);
            return schema.find(qualified).isPresent() || schema.findIndex(qualified).isPresent();
        }
        return false;
    }

    private static int bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }

    /** The longest prefix of at most {@code max} UTF-8 bytes that does not split a character. */
    private static String clip(String s, int max) {
        if (bytes(s) <= max) {
            return s;
        }
        StringBuilder b = new StringBuilder();
        int used = 0;
        for (int cp : s.codePoints().toArray()) {
            int len = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8).length;
            if (used + len > max) {
                break;
            }
            b.appendCodePoint(cp);
            used += len;
        }
        return b.toString();
    }
}
