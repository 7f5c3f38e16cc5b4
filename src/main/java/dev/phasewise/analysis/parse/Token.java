package dev.phasewise.analysis.parse;

/**
 * One lexical token with its place in the source. {@code text} is the normalised value
 * (lower-cased word, unescaped quoted identifier, body of a dollar string, raw text otherwise).
 */
public record Token(TokenType type, String text, int start, int end, int line, int column) {

    public boolean isWord(String lowerCaseWord) {
        return type == TokenType.WORD && text.equals(lowerCaseWord);
    }

    public boolean isSymbol(String symbol) {
        return type == TokenType.SYMBOL && text.equals(symbol);
    }

    /** An identifier as PostgreSQL sees it: an unquoted word (folded) or a quoted identifier. */
    public boolean isIdentifier() {
        return type == TokenType.WORD || type == TokenType.QUOTED_IDENT;
    }
}
