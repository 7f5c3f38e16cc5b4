package dev.phasewise.analysis.parse;

import java.util.List;
import java.util.Locale;

/**
 * Code written in a statement as a string constant: a {@code DO} block's body, or the body of a
 * {@code CREATE FUNCTION / PROCEDURE}. Only its place is read here; {@link PlpgsqlReader} reads PL/pgSQL.
 *
 * @param kind     "DO", "PROCEDURE" or "FUNCTION"
 * @param name     the routine's name as CALL would write it (last part, folded), null for DO
 * @param language lower-cased; PostgreSQL's default is plpgsql
 * @param body     the string constant token holding the code, null when there is none (C functions, BEGIN ATOMIC)
 * @param atomicFrom where a SQL-standard {@code BEGIN ATOMIC ... END} body's statements start (file offset, after
 *                   ATOMIC), -1 when the routine has none
 * @param atomicTo   where they end (the offset of the body's closing END)
 * @param returnFrom where the expression of a SQL-standard {@code RETURN expr} function body starts (it runs to
 *                   the statement's end), -1 when there is none
 */
public record CodeBlock(String kind, String name, String language, Token body, int atomicFrom, int atomicTo,
                        int returnFrom) {

    /** A body PostgreSQL 14+ parses when the routine is created: BEGIN ATOMIC, or RETURN expr. */
    public boolean sqlStandardBody() {
        return atomic() || returnFrom >= 0;
    }

    /** A body PostgreSQL 14+ keeps parsed: {@code BEGIN ATOMIC stmt; stmt; END}, no string constant. */
    public boolean atomic() {
        return atomicFrom >= 0;
    }

    /** Whether there is code to read: a string constant body or a BEGIN ATOMIC one. */
    public boolean hasBody() {
        return body != null || atomic();
    }

    /**
     * The code as text with the file's places, or null when the body cannot be read (an escape string with an
     * escape PostgreSQL itself would reject).
     */
    public Fragment code(String source) {
        if (body != null) {
            return Fragment.ofFileToken(body, source);
        }
        return atomic() ? Fragment.ofFileRange(source, atomicFrom, atomicTo) : null;
    }

    /** The expression of a {@code RETURN expr} body, or null. */
    public Fragment returnExpression(Statement statement, String source) {
        if (returnFrom < 0) {
            return null;
        }
        Token last = statement.tokens().get(statement.tokens().size() - 1);
        return Fragment.ofFileRange(source, returnFrom, last.end());
    }

    public boolean plpgsql() {
        return language.equals("plpgsql");
    }

    /** The block of a {@code DO [LANGUAGE x] 'code'} statement, or null for any other statement. */
    public static CodeBlock ofDo(Statement statement) {
        List<Token> t = statement.tokens();
        if (t.isEmpty() || !t.get(0).isWord("do")) {
            return null;
        }
        String language = "plpgsql";
        Token body = null;
        for (int i = 1; i < t.size(); i++) {
            if (t.get(i).isWord("language") && i + 1 < t.size()) {
                language = languageName(t.get(++i));
            } else if (isString(t.get(i))) {
                body = t.get(i);
            }
        }
        return body == null ? null : new CodeBlock("DO", null, language, body, -1, -1, -1);
    }

    /** The routine a {@code CREATE [OR REPLACE] FUNCTION / PROCEDURE} statement defines, or null. */
    public static CodeBlock ofCreateRoutine(Statement statement) {
        List<Token> t = statement.tokens();
        int i = 0;
        if (t.isEmpty() || !t.get(i++).isWord("create")) {
            return null;
        }
        if (i + 1 < t.size() && t.get(i).isWord("or") && t.get(i + 1).isWord("replace")) {
            i += 2;
        }
        if (i >= t.size() || !(t.get(i).isWord("function") || t.get(i).isWord("procedure"))) {
            return null;
        }
        String kind = t.get(i++).text().toUpperCase(Locale.ROOT);
        String name = null;
        while (i < t.size() && !t.get(i).isSymbol("(")) {
            if (t.get(i).isIdentifier()) {
                name = t.get(i).text();
            }
            i++;
        }
        int depth = 0;
        for (; i < t.size(); i++) {
            if (t.get(i).isSymbol("(")) {
                depth++;
            } else if (t.get(i).isSymbol(")") && --depth == 0) {
                i++;
                break;
            }
        }
        String language = "sql";
        Token body = null;
        int atomicFrom = -1;
        int atomicTo = -1;
        int returnFrom = -1;
        for (; i < t.size(); i++) {
            if (t.get(i).isWord("language") && i + 1 < t.size()) {
                language = languageName(t.get(++i));
            } else if (t.get(i).isWord("as") && i + 1 < t.size() && isString(t.get(i + 1))) {
                body = t.get(++i);
            } else if (t.get(i).isWord("begin") && i + 1 < t.size() && t.get(i + 1).isWord("atomic")) {
                // the splitter kept the body whole; it runs to the statement's last END
                Token last = t.get(t.size() - 1);
                if (last.isWord("end") && t.size() - 1 > i + 1) {
                    atomicFrom = t.get(i + 1).end();
                    atomicTo = last.start();
                }
                break;
            } else if (t.get(i).isWord("return") && i + 1 < t.size()) {
                returnFrom = t.get(i + 1).start(); // RETURN expr is the last clause of the statement
                break;
            }
        }
        return name == null ? null : new CodeBlock(kind, name, language, body, atomicFrom, atomicTo, returnFrom);
    }

    /** The routine a {@code CALL name(...)} statement names (last part of its name), or null. */
    public static String calledName(Statement statement) {
        List<Token> t = statement.tokens();
        if (t.size() < 2 || !t.get(0).isWord("call")) {
            return null;
        }
        String name = null;
        for (int i = 1; i < t.size() && !t.get(i).isSymbol("("); i++) {
            if (t.get(i).isIdentifier()) {
                name = t.get(i).text();
            }
        }
        return name;
    }

    private static boolean isString(Token t) {
        return t.type() == TokenType.DOLLAR_STRING || t.type() == TokenType.STRING;
    }

    private static String languageName(Token t) {
        String text = t.type() == TokenType.STRING ? t.text().replace("'", "") : t.text();
        return text.toLowerCase(Locale.ROOT);
    }
}
