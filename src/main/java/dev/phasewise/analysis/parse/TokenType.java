package dev.phasewise.analysis.parse;

/** Lexical classes of PostgreSQL's SQL, as psql's own scanner distinguishes them. */
public enum TokenType {
    /** Unquoted identifier or keyword; its text is folded to lower case as PostgreSQL does. */
    WORD,
    /** Double-quoted identifier; its text is the identifier with {@code ""} unescaped, case kept. */
    QUOTED_IDENT,
    /** String constant in any of its forms ('', E'', U&'', B'', X'', N''); text is the raw source. */
    STRING,
    /** Dollar-quoted string constant ({@code $$...$$}, {@code $tag$...$tag$}); text is the body. */
    DOLLAR_STRING,
    NUMBER,
    /** Positional parameter such as {@code $1}. */
    PARAM,
    /** Operator or punctuation: ( ) [ ] , ; . :: and operator character runs. */
    SYMBOL,
    /** {@code --} or (nested) {@code /* *}{@code /} comment; kept for suppression comments. */
    COMMENT,
    /** psql backslash meta-command, up to the end of its line. */
    META,
    /** A construct that never ended: unterminated quote, comment or dollar string. */
    UNTERMINATED
}
