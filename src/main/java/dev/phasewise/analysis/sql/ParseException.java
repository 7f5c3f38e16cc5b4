package dev.phasewise.analysis.sql;

import dev.phasewise.analysis.parse.Token;

/** The statement is not valid SQL at {@code token} (or at its end when token is null). */
public final class ParseException extends Exception {
    private final transient Token token;

    public ParseException(String message, Token token) {
        super(message, null, false, false);
        this.token = token;
    }

    public Token token() {
        return token;
    }
}
