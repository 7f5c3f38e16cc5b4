package dev.phasewise.convert;

import dev.phasewise.analysis.parse.Lexer;
import dev.phasewise.analysis.parse.Token;
import dev.phasewise.analysis.sql.Identifiers;

import java.util.ArrayList;
import java.util.List;

/**
 * A column's name inside an expression's text (a CHECK, an index expression, a USING): whether it
 * appears, and the text with it replaced, token by token, so that a string literal or a longer name
 * that merely contains it is left alone.
 */
final class ColumnText {
    private ColumnText() {
    }

    static boolean mentions(String expression, String column) {
        return !references(expression, column).isEmpty();
    }

    /** The expression with each reference to the column replaced by the given text. */
    static String replace(String expression, String column, String replacement) {
        StringBuilder out = new StringBuilder(expression);
        List<Token> refs = references(expression, column);
        for (int i = refs.size() - 1; i >= 0; i--) {
            out.replace(refs.get(i).start(), refs.get(i).end(), replacement);
        }
        return out.toString();
    }

    /** The expression with the column's references renamed (quoted). */
    static String rename(String expression, String column, String newName) {
        return replace(expression, column, Identifiers.quote(newName));
    }

    /** Identifiers that name the column: not a function name, not the field or table part of a qualified name. */
    private static List<Token> references(String expression, String column) {
        List<Token> tokens = new ArrayList<>();
        Lexer lexer = new Lexer(expression);
        for (Token t; (t = lexer.next()) != null; ) {
            tokens.add(t);
        }
        List<Token> out = new ArrayList<>();
        for (int i = 0; i < tokens.size(); i++) {
            Token t = tokens.get(i);
            boolean call = i + 1 < tokens.size() && tokens.get(i + 1).isSymbol("(");
            boolean qualified = i > 0 && tokens.get(i - 1).isSymbol(".")
                    || i + 1 < tokens.size() && tokens.get(i + 1).isSymbol(".");
            boolean castType = i > 0 && tokens.get(i - 1).isSymbol("::");
            if (t.isIdentifier() && t.text().equals(column) && !call && !qualified && !castType) {
                out.add(t);
            }
        }
        return out;
    }
}
