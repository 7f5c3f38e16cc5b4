package dev.phasewise.plan.sql;

import dev.phasewise.analysis.parse.Lexer;
import dev.phasewise.analysis.parse.Token;
import dev.phasewise.analysis.parse.TokenType;
import dev.phasewise.analysis.sql.Identifiers;

/**
 * Builds the SQL of plan steps. Names are always quoted; the few places where a plan holds SQL
 * by nature (a CHECK expression, a backfill's SET and WHERE, a column type) are checked to be
 * exactly one expression, so that plan text can never smuggle in a second statement.
 */
public final class Sql {
    private Sql() {
    }

    public static String id(String identifier) {
        return Identifiers.quote(identifier);
    }

    /** {@code "schema"."table"} or {@code "table"} from a plan's {@code schema.table} spelling. */
    public static String table(String name) {
        int dot = name.indexOf('.');
        return dot < 0 ? Identifiers.quote(name)
                : Identifiers.quote(name.substring(0, dot)) + "." + Identifiers.quote(name.substring(dot + 1));
    }

    public static String literal(String value) {
        return Identifiers.literal(value);
    }

    /**
     * Checks that the text is one SQL expression fragment: terminated strings and comments,
     * balanced parentheses, no semicolon. Returns the trimmed text.
     *
     * @throws IllegalArgumentException naming the problem
     */
    public static String expression(String what, String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException(what + " is empty");
        }
        Lexer lexer = new Lexer(text);
        int depth = 0;
        Token t;
        while ((t = lexer.next()) != null) {
            if (t.type() == TokenType.UNTERMINATED) {
                throw new IllegalArgumentException(what + " has an unterminated " + t.text());
            }
            if (t.type() == TokenType.META) {
                throw new IllegalArgumentException(what + " contains a backslash command");
            }
            if (t.type() == TokenType.COMMENT) {
                throw new IllegalArgumentException(what + " contains a comment");
            }
            if (t.isSymbol(";")) {
                throw new IllegalArgumentException(what + " contains a semicolon; it must be one expression");
            }
            if (t.isSymbol("(")) {
                depth++;
            } else if (t.isSymbol(")") && --depth < 0) {
                throw new IllegalArgumentException(what + " has an unbalanced \")\"");
            }
        }
        if (depth != 0) {
            throw new IllegalArgumentException(what + " has an unclosed \"(\"");
        }
        return text.strip();
    }
}
