package dev.phasewise.analysis.parse;

/**
 * A scanner for PostgreSQL SQL that follows psql's rules for where a token starts and ends:
 * standard-conforming {@code ''} strings, {@code E''} strings with backslash escapes, dollar
 * quoting, nested block comments and backslash meta-commands. It never throws: a construct
 * that does not end becomes an {@link TokenType#UNTERMINATED} token running to the end.
 */
public final class Lexer {
    private final String src;
    private final int length;
    private int pos;
    private int line = 1;
    private int lineStart;

    public Lexer(String source) {
        this.src = source;
        this.length = source.length();
        // A byte order mark is not part of the SQL.
        if (length > 0 && src.charAt(0) == '\uFEFF') {
            pos = 1;
            lineStart = 1;
        }
    }

    /**
     * Skips the inline data of a {@code COPY ... FROM STDIN} statement: everything after the
     * current line up to and including the line that holds only {@code \.}.
     * Returns false when the end of the source came first.
     */
    public boolean skipCopyData() {
        int eol = src.indexOf('\n', pos);
        if (eol < 0) {
            advanceTo(length);
            return false;
        }
        int lineBegin = eol + 1;
        while (lineBegin < length) {
            int end = src.indexOf('\n', lineBegin);
            int stop = end < 0 ? length : end;
            if (src.substring(lineBegin, stop).strip().equals("\\.")) {
                advanceTo(stop);
                return true;
            }
            if (end < 0) {
                break;
            }
            lineBegin = end + 1;
        }
        advanceTo(length);
        return false;
    }

    /**
     * Continues scanning right after {@code token} (a token this lexer returned), as if nothing after it
     * had been read: the splitter backs up to a semicolon when a parenthesis turned out never to close.
     */
    public void restartAfter(Token token) {
        pos = token.start();
        line = token.line();
        lineStart = token.start() - (token.column() - 1);
        advanceTo(token.end()); // counts the newlines of a token that spans lines
    }

    /** Returns the next token, or {@code null} at the end of the source. */
    public Token next() {
        skipWhitespace();
        if (pos >= length) {
            return null;
        }
        int start = pos;
        int startLine = line;
        int startColumn = pos - lineStart + 1;
        char c = src.charAt(pos);
        char n = pos + 1 < length ? src.charAt(pos + 1) : '\0';

        if (c == '-' && n == '-') {
            int eol = src.indexOf('\n', pos);
            pos = eol < 0 ? length : eol;
            return token(TokenType.COMMENT, src.substring(start, pos), start, startLine, startColumn);
        }
        if (c == '/' && n == '*') {
            return blockComment(start, startLine, startColumn);
        }
        if (c == '\\') {
            int eol = src.indexOf('\n', pos);
            pos = eol < 0 ? length : eol;
            return token(TokenType.META, src.substring(start, pos).strip(), start, startLine, startColumn);
        }
        if (c == '\'') {
            return quoted(start, startLine, startColumn, false);
        }
        if ((c == 'e' || c == 'E') && n == '\'') {
            pos++;
            return quoted(start, startLine, startColumn, true);
        }
        if ((c == 'b' || c == 'B' || c == 'x' || c == 'X' || c == 'n' || c == 'N') && n == '\'') {
            pos++;
            return quoted(start, startLine, startColumn, false);
        }
        if ((c == 'u' || c == 'U') && n == '&' && pos + 2 < length) {
            char q = src.charAt(pos + 2);
            if (q == '\'') {
                pos += 2;
                return quoted(start, startLine, startColumn, false);
            }
            if (q == '"') {
                pos += 2;
                return quotedIdentifier(start, startLine, startColumn);
            }
        }
        if (c == '"') {
            return quotedIdentifier(start, startLine, startColumn);
        }
        if (c == '$') {
            if (Character.isDigit(n)) {
                pos++;
                while (pos < length && Character.isDigit(src.charAt(pos))) {
                    pos++;
                }
                return token(TokenType.PARAM, src.substring(start, pos), start, startLine, startColumn);
            }
            Token dollar = dollarString(start, startLine, startColumn);
            if (dollar != null) {
                return dollar;
            }
            pos++;
            return token(TokenType.SYMBOL, "$", start, startLine, startColumn);
        }
        if (isIdentStart(c)) {
            pos++;
            while (pos < length && isIdentPart(src.charAt(pos))) {
                pos++;
            }
            return token(TokenType.WORD, lower(src.substring(start, pos)), start, startLine, startColumn);
        }
        if (Character.isDigit(c) || (c == '.' && Character.isDigit(n))) {
            return number(start, startLine, startColumn);
        }
        return symbol(start, startLine, startColumn);
    }

    private static String lower(String word) {
        // PostgreSQL folds unquoted identifiers with ASCII rules only.
        for (int i = 0; i < word.length(); i++) {
            char ch = word.charAt(i);
            if (ch >= 'A' && ch <= 'Z') {
                char[] chars = word.toCharArray();
                for (int j = i; j < chars.length; j++) {
                    if (chars[j] >= 'A' && chars[j] <= 'Z') {
                        chars[j] = (char) (chars[j] + 32);
                    }
                }
                return new String(chars);
            }
        }
        return word;
    }

    private void skipWhitespace() {
        while (pos < length) {
            char c = src.charAt(pos);
            if (c == '\n') {
                line++;
                pos++;
                lineStart = pos;
            } else if (c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\u000B') {
                pos++;
            } else {
                return;
            }
        }
    }

    /** Advances over {@code count} characters, keeping line numbers right across newlines. */
    private void advanceTo(int newPos) {
        for (int i = pos; i < newPos; i++) {
            if (src.charAt(i) == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        pos = newPos;
    }

    private Token blockComment(int start, int startLine, int startColumn) {
        int depth = 0;
        int i = pos;
        while (i < length) {
            char c = src.charAt(i);
            char n = i + 1 < length ? src.charAt(i + 1) : '\0';
            if (c == '/' && n == '*') {
                depth++;
                i += 2;
            } else if (c == '*' && n == '/') {
                depth--;
                i += 2;
                if (depth == 0) {
                    advanceTo(i);
                    return token(TokenType.COMMENT, src.substring(start, i), start, startLine, startColumn);
                }
            } else {
                i++;
            }
        }
        advanceTo(length);
        return token(TokenType.UNTERMINATED, "comment", start, startLine, startColumn);
    }

    private Token quoted(int start, int startLine, int startColumn, boolean backslashEscapes) {
        int i = pos + 1; // after the opening quote
        while (i < length) {
            char c = src.charAt(i);
            if (backslashEscapes && c == '\\') {
                i += 2;
            } else if (c == '\'') {
                if (i + 1 < length && src.charAt(i + 1) == '\'') {
                    i += 2;
                } else {
                    advanceTo(i + 1);
                    return token(TokenType.STRING, src.substring(start, pos), start, startLine, startColumn);
                }
            } else {
                i++;
            }
        }
        advanceTo(length);
        return token(TokenType.UNTERMINATED, "quoted string", start, startLine, startColumn);
    }

    private Token quotedIdentifier(int start, int startLine, int startColumn) {
        StringBuilder value = new StringBuilder();
        int i = pos + 1;
        while (i < length) {
            char c = src.charAt(i);
            if (c == '"') {
                if (i + 1 < length && src.charAt(i + 1) == '"') {
                    value.append('"');
                    i += 2;
                } else {
                    advanceTo(i + 1);
                    return token(TokenType.QUOTED_IDENT, value.toString(), start, startLine, startColumn);
                }
            } else {
                value.append(c);
                i++;
            }
        }
        advanceTo(length);
        return token(TokenType.UNTERMINATED, "quoted identifier", start, startLine, startColumn);
    }

    /** {@code $tag$ ... $tag$}; returns null when the {@code $} does not open a dollar quote. */
    private Token dollarString(int start, int startLine, int startColumn) {
        int i = pos + 1;
        if (i < length && isIdentStart(src.charAt(i))) {
            i++;
            while (i < length && isIdentPart(src.charAt(i)) && src.charAt(i) != '$') {
                i++;
            }
        }
        if (i >= length || src.charAt(i) != '$') {
            return null;
        }
        String delimiter = src.substring(pos, i + 1);
        int bodyStart = i + 1;
        int close = src.indexOf(delimiter, bodyStart);
        if (close < 0) {
            advanceTo(length);
            return token(TokenType.UNTERMINATED, "dollar-quoted string " + delimiter, start, startLine, startColumn);
        }
        String body = src.substring(bodyStart, close);
        advanceTo(close + delimiter.length());
        return token(TokenType.DOLLAR_STRING, body, start, startLine, startColumn);
    }

    private Token number(int start, int startLine, int startColumn) {
        int i = pos;
        if (src.charAt(i) == '0' && i + 1 < length && "xXoObB".indexOf(src.charAt(i + 1)) >= 0
                && i + 2 < length && Character.isLetterOrDigit(src.charAt(i + 2))) {
            i += 2;
            while (i < length && (Character.isLetterOrDigit(src.charAt(i)) || src.charAt(i) == '_')) {
                i++;
            }
        } else {
            while (i < length && (Character.isDigit(src.charAt(i)) || src.charAt(i) == '_')) {
                i++;
            }
            if (i < length && src.charAt(i) == '.' && !(i + 1 < length && src.charAt(i + 1) == '.')) {
                i++;
                while (i < length && (Character.isDigit(src.charAt(i)) || src.charAt(i) == '_')) {
                    i++;
                }
            }
            if (i < length && (src.charAt(i) == 'e' || src.charAt(i) == 'E')) {
                int j = i + 1;
                if (j < length && (src.charAt(j) == '+' || src.charAt(j) == '-')) {
                    j++;
                }
                if (j < length && Character.isDigit(src.charAt(j))) {
                    i = j;
                    while (i < length && Character.isDigit(src.charAt(i))) {
                        i++;
                    }
                }
            }
        }
        pos = i;
        return token(TokenType.NUMBER, src.substring(start, i), start, startLine, startColumn);
    }

    private static final String OPERATOR_CHARS = "+-*/<>=~!@#%^&|`?";

    private Token symbol(int start, int startLine, int startColumn) {
        char c = src.charAt(pos);
        if (c == ':' && pos + 1 < length && src.charAt(pos + 1) == ':') {
            pos += 2;
            return token(TokenType.SYMBOL, "::", start, startLine, startColumn);
        }
        if (OPERATOR_CHARS.indexOf(c) >= 0) {
            int i = pos + 1;
            while (i < length && OPERATOR_CHARS.indexOf(src.charAt(i)) >= 0) {
                // A comment start ends the operator, as in PostgreSQL's scanner.
                char ch = src.charAt(i);
                char nx = i + 1 < length ? src.charAt(i + 1) : '\0';
                if ((ch == '-' && nx == '-') || (ch == '/' && nx == '*')) {
                    break;
                }
                i++;
            }
            pos = i;
            return token(TokenType.SYMBOL, src.substring(start, i), start, startLine, startColumn);
        }
        pos++;
        return token(TokenType.SYMBOL, String.valueOf(c), start, startLine, startColumn);
    }

    private Token token(TokenType type, String text, int start, int startLine, int startColumn) {
        return new Token(type, text, start, pos, startLine, startColumn);
    }

    static boolean isIdentStart(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c >= '\u0080';
    }

    static boolean isIdentPart(char c) {
        return isIdentStart(c) || (c >= '0' && c <= '9') || c == '$';
    }
}
