package dev.phasewise.analysis.sql;

/** Quoting of identifiers and literals for SQL that Phasewise generates. */
public final class Identifiers {
    private Identifiers() {
    }

    /** Always double-quotes, doubling embedded quotes: safe for any name, keywords included. */
    public static String quote(String identifier) {
        if (identifier.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("identifier contains a NUL character");
        }
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }

    /** A standard-conforming string literal; backslashes need no escaping there. */
    public static String literal(String value) {
        if (value.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("literal contains a NUL character");
        }
        return '\'' + value.replace("'", "''") + '\'';
    }
}
