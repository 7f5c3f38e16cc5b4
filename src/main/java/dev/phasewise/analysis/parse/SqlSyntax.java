package dev.phasewise.analysis.parse;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * SQL text as highlighting sees it: the analysis' own {@link Lexer} (so dollar quotes, nested block
 * comments and {@code E''} strings are read exactly as statements are split) and one keyword list.
 * The window's editor and the runbook's HTML each render these spans in their own way.
 */
public final class SqlSyntax {
    /** What a span of text is, for its colour. */
    public enum Kind { KEYWORD, IDENTIFIER, STRING, NUMBER, PARAMETER, COMMENT, UNTERMINATED }

    /** Characters {@code [start, end)} of the text are one token of this kind. */
    public record Span(int start, int end, Kind kind) {
    }

    /** Words shown as keywords (lower case, as the lexer gives words). */
    private static final Set<String> KEYWORDS = Set.of(
            "abort", "access", "action", "add", "after", "all", "alter", "always", "analyze", "and", "any", "array",
            "as", "asc", "attach", "before", "begin", "between", "bigint", "bigserial", "boolean", "buffers", "by",
            "cascade", "case", "cast", "character", "check", "cluster", "coalesce", "collate", "column", "comment",
            "commit", "concurrently", "conflict", "constraint", "copy", "costs", "create", "cross",
            "current_timestamp", "data", "date", "declare", "default", "deferrable", "deferred", "definer",
            "delete", "desc", "detach", "distinct", "do", "domain", "double", "drop", "each", "else", "elsif", "end",
            "enum", "exclude", "exclusive", "execute", "exists", "explain", "extension", "false", "filter", "for",
            "foreign", "format", "from", "full", "function", "generated", "grant", "group", "having", "identity",
            "if", "ilike", "immediate", "immutable", "in", "include", "index", "inherit", "initially", "inner",
            "insert", "instead", "int", "integer", "interval", "into", "invoker", "is", "join", "json", "jsonb",
            "key", "language", "lateral", "left", "like", "limit", "local", "lock", "match", "materialized", "mode",
            "new", "no", "not", "nothing", "nowait", "null", "nulls", "numeric", "of", "offset", "old", "on",
            "only", "or", "order", "outer", "over", "owned", "owner", "partition", "perform", "precision",
            "primary", "privileges", "procedure", "public", "real", "recursive", "references", "refresh",
            "reindex", "release", "rename", "replace", "restrict", "return", "returning", "returns", "revoke",
            "right", "rollback", "row", "rows", "savepoint", "schema", "security", "select", "sequence", "serial",
            "session", "set", "share", "show", "smallint", "some", "stable", "statement", "strict", "table",
            "tablespace", "temp", "temporary", "text", "then", "time", "timestamp", "timestamptz", "to",
            "transaction", "trigger", "true", "truncate", "type", "union", "unique", "unlogged", "update", "usage",
            "using", "uuid", "vacuum", "valid", "validate", "values", "varchar", "varying", "verbose", "view",
            "volatile", "when", "where", "window", "with", "within", "without", "work", "zone");

    private SqlSyntax() {
    }

    /** The highlighted tokens of the text in order; symbols, white space and psql meta-commands are left out. */
    public static List<Span> spans(String text) {
        List<Span> out = new ArrayList<>();
        Lexer lexer = new Lexer(text);
        Token t;
        while ((t = lexer.next()) != null) {
            Kind kind = kindOf(t);
            if (kind != null) {
                out.add(new Span(Math.max(0, t.start()), Math.min(text.length(), t.end()), kind));
            }
        }
        return out;
    }

    private static Kind kindOf(Token t) {
        return switch (t.type()) {
            case WORD -> KEYWORDS.contains(t.text()) ? Kind.KEYWORD : Kind.IDENTIFIER;
            case QUOTED_IDENT -> Kind.IDENTIFIER;
            case STRING, DOLLAR_STRING -> Kind.STRING;
            case NUMBER -> Kind.NUMBER;
            case PARAM -> Kind.PARAMETER;
            case COMMENT -> Kind.COMMENT;
            case UNTERMINATED -> Kind.UNTERMINATED;
            case META, SYMBOL -> null;
        };
    }
}
