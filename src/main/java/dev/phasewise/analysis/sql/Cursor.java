package dev.phasewise.analysis.sql;

import dev.phasewise.analysis.parse.Token;
import dev.phasewise.analysis.parse.TokenType;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** A read position in a statement's tokens, with the small vocabulary the parsers share. */
final class Cursor {
    private final List<Token> tokens;
    private final String statementText;
    private final int statementOffset;
    private final NameResolver names;
    private int pos;

    Cursor(List<Token> tokens, String statementText, int statementOffset, NameResolver names) {
        this.tokens = tokens;
        this.statementText = statementText;
        this.statementOffset = statementOffset;
        this.names = names;
    }

    /** How names resolve at this statement (the search_path in effect, and the objects it finds). */
    NameResolver names() {
        return names;
    }

    int position() {
        return pos;
    }

    void reset(int position) {
        pos = position;
    }

    boolean atEnd() {
        return pos >= tokens.size();
    }

    Token peek() {
        return peek(0);
    }

    Token peek(int ahead) {
        int i = pos + ahead;
        return i < tokens.size() ? tokens.get(i) : null;
    }

    Token previous() {
        return pos > 0 ? tokens.get(pos - 1) : null;
    }

    Token next() throws ParseException {
        if (atEnd()) {
            throw new ParseException("unexpected end of statement", last());
        }
        return tokens.get(pos++);
    }

    Token last() {
        return tokens.isEmpty() ? null : tokens.get(tokens.size() - 1);
    }

    boolean isWord(String word) {
        Token t = peek();
        return t != null && t.isWord(word);
    }

    boolean isWord(int ahead, String word) {
        Token t = peek(ahead);
        return t != null && t.isWord(word);
    }

    /** True when the next tokens are exactly these words. */
    boolean isWords(String... words) {
        for (int i = 0; i < words.length; i++) {
            if (!isWord(i, words[i])) {
                return false;
            }
        }
        return true;
    }

    boolean isSymbol(String symbol) {
        Token t = peek();
        return t != null && t.isSymbol(symbol);
    }

    boolean acceptWord(String word) {
        if (isWord(word)) {
            pos++;
            return true;
        }
        return false;
    }

    /** Consumes the words only when all of them follow, in order. */
    boolean acceptWords(String... words) {
        if (isWords(words)) {
            pos += words.length;
            return true;
        }
        return false;
    }

    boolean acceptSymbol(String symbol) {
        if (isSymbol(symbol)) {
            pos++;
            return true;
        }
        return false;
    }

    void expectWord(String word) throws ParseException {
        if (!acceptWord(word)) {
            throw unexpected("expected " + word.toUpperCase(Locale.ROOT));
        }
    }

    void expectSymbol(String symbol) throws ParseException {
        if (!acceptSymbol(symbol)) {
            throw unexpected("expected \"" + symbol + "\"");
        }
    }

    ParseException unexpected(String expectation) {
        Token t = peek();
        if (t == null) {
            return new ParseException("syntax error at end of statement: " + expectation, last());
        }
        return new ParseException("syntax error at or near \"" + raw(t) + "\": " + expectation, t);
    }

    String raw(Token t) {
        int from = t.start() - statementOffset;
        int to = Math.min(t.end() - statementOffset, from + 40);
        return statementText.substring(from, to);
    }

    String identifier() throws ParseException {
        Token t = peek();
        if (t == null || !t.isIdentifier()) {
            throw unexpected("expected a name");
        }
        pos++;
        return t.text();
    }

    /**
     * The name of an existing object (table, view, sequence, index, type): name, schema.name or
     * database.schema.name, an unqualified one resolved through the search_path as PostgreSQL does.
     */
    QualifiedName qualifiedName() throws ParseException {
        return names.existing(writtenName());
    }

    /** The name of an object this statement creates: unqualified, it goes into the path's first schema. */
    QualifiedName newName() throws ParseException {
        return names.created(writtenName());
    }

    /** A name exactly as written (the database part dropped), for names that are not looked up in a schema. */
    QualifiedName writtenName() throws ParseException {
        String first = identifier();
        if (isSymbol(".") && peek(1) != null && peek(1).isIdentifier()) {
            pos++;
            String second = identifier();
            if (isSymbol(".") && peek(1) != null && peek(1).isIdentifier()) {
                pos++;
                return new QualifiedName(second, identifier());
            }
            return new QualifiedName(first, second);
        }
        return QualifiedName.of(first);
    }

    List<QualifiedName> qualifiedNameList() throws ParseException {
        List<QualifiedName> names = new ArrayList<>();
        do {
            acceptWord("only");
            names.add(qualifiedName());
            acceptSymbol("*");
        } while (acceptSymbol(","));
        return names;
    }

    /** ( name, name, ... ) */
    List<String> identifierList() throws ParseException {
        expectSymbol("(");
        List<String> names = new ArrayList<>();
        if (acceptSymbol(")")) {
            return names;
        }
        do {
            names.add(identifier());
        } while (acceptSymbol(","));
        expectSymbol(")");
        return names;
    }

    /** At "(": consumes to the matching ")" and returns the tokens between them. */
    List<Token> parenthesised() throws ParseException {
        expectSymbol("(");
        int start = pos;
        int depth = 1;
        while (!atEnd()) {
            Token t = tokens.get(pos++);
            if (t.isSymbol("(") || t.isSymbol("[")) {
                depth++;
            } else if (t.isSymbol(")") || t.isSymbol("]")) {
                depth--;
                if (depth == 0) {
                    return tokens.subList(start, pos - 1);
                }
            }
        }
        throw new ParseException("syntax error: unbalanced parentheses", tokens.get(start - 1));
    }

    /**
     * Consumes tokens up to (not including) a stop word or symbol at depth zero, or the end.
     * Returns them as an expression; empty tokens give an expression with empty text.
     */
    Expr until(Set<String> stopWords, Set<String> stopSymbols) {
        int start = pos;
        int depth = 0;
        while (!atEnd()) {
            Token t = tokens.get(pos);
            if (depth == 0 && ((t.type() == TokenType.WORD && stopWords.contains(t.text()))
                    || (t.type() == TokenType.SYMBOL && stopSymbols.contains(t.text())))) {
                break;
            }
            if (t.isSymbol("(") || t.isSymbol("[")) {
                depth++;
            } else if (t.isSymbol(")") || t.isSymbol("]")) {
                if (depth == 0) {
                    break;
                }
                depth--;
            }
            pos++;
        }
        return expr(tokens.subList(start, pos));
    }

    /** Everything to the end of the statement. */
    Expr rest() {
        List<Token> rest = tokens.subList(pos, tokens.size());
        pos = tokens.size();
        return expr(rest);
    }

    /** A cursor over some of this statement's tokens (e.g. a parenthesised part). */
    Cursor subCursor(List<Token> part) {
        return new Cursor(part, statementText, statementOffset, names);
    }

    List<Token> subTokens(int from, int to) {
        return tokens.subList(from, to);
    }

    /** A cursor over the remaining tokens of the same statement. */
    Cursor tail() {
        return new Cursor(tokens.subList(pos, tokens.size()), statementText, statementOffset, names);
    }

    List<Token> remainingTokens() {
        return tokens.subList(pos, tokens.size());
    }

    Expr expr(List<Token> exprTokens) {
        if (exprTokens.isEmpty()) {
            return new Expr("", List.of());
        }
        int from = exprTokens.get(0).start() - statementOffset;
        int to = exprTokens.get(exprTokens.size() - 1).end() - statementOffset;
        return new Expr(statementText.substring(from, to), List.copyOf(exprTokens));
    }

    /** Skips any run of tokens until one of the stop words at depth zero (or the end). */
    void skipUntil(Set<String> stopWords) {
        until(stopWords, Set.of(",", ";"));
    }
}
