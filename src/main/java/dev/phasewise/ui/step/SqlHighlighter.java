package dev.phasewise.ui.step;

import dev.phasewise.analysis.Finding;
import dev.phasewise.analysis.Severity;
import dev.phasewise.analysis.StatementResult;
import dev.phasewise.analysis.parse.Lexer;
import dev.phasewise.analysis.parse.Token;
import dev.phasewise.analysis.parse.TokenType;
import dev.phasewise.ui.Css;
import org.fxmisc.richtext.model.StyleSpans;
import org.fxmisc.richtext.model.StyleSpansBuilder;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * Styles SQL by the analysis' own lexer (so highlighting agrees with how statements are split:
 * dollar quotes, nested comments, E'' strings), and marks the statements that have findings.
 */
public final class SqlHighlighter {
    /** Where a statement with findings sits in the text. */
    public record Marked(int start, int end, StatementResult result) {
        public Severity worst() {
            return result.findings().stream().map(Finding::severity).max(java.util.Comparator.naturalOrder())
                    .orElse(Severity.INFO);
        }
    }

    static final Set<String> KEYWORDS = Set.copyOf(java.util.Arrays.asList(
            "abort", "add", "all", "alter", "analyze", "and", "as", "asc", "attach", "begin", "between", "bigint",
            "boolean", "by", "cascade", "case", "cast", "check", "cluster", "collate", "column", "comment", "commit",
            "concurrently", "constraint", "copy", "create", "cross", "current_timestamp", "data", "default",
            "deferrable", "delete", "desc", "detach", "distinct", "do", "domain", "drop", "else", "end", "enum",
            "exclude", "execute", "exists", "extension", "false", "for", "foreign", "from", "full", "function", "grant",
            "group", "having", "if", "ilike", "in", "index", "inner", "insert", "integer", "into", "is", "join", "key",
            "language", "left", "like", "limit", "lock", "materialized", "mode", "not", "nowait", "null", "nulls",
            "of", "offset", "on", "only", "or", "order", "outer", "partition", "primary", "procedure", "references",
            "refresh", "reindex", "rename", "replace", "restrict", "returning", "returns", "revoke", "right",
            "rollback", "row", "rows", "schema", "select", "sequence", "session", "set", "share", "table", "text",
            "then", "timestamp", "timestamptz", "to", "transaction", "trigger", "true", "truncate", "type", "union",
            "unique", "update", "using", "vacuum", "valid", "validate", "values", "varchar", "view", "when", "where",
            "with", "without", "int", "smallint", "numeric", "jsonb", "json", "uuid", "serial", "bigserial",
            "identity", "generated", "always", "local", "exclusive", "access", "each", "statement", "before", "after",
            "instead", "coalesce", "interval", "zone", "time", "date", "character", "varying", "precision", "double",
            "real", "tablespace", "owner", "usage", "privileges", "public", "include", "inherit", "no", "action",
            "match", "initially", "deferred", "immediate", "conflict", "nothing", "temporary", "temp", "unlogged",
            "work", "savepoint", "release", "explain", "verbose", "costs", "buffers", "format", "lateral", "window",
            "over", "filter", "within", "recursive", "array", "any", "some", "returns", "volatile", "stable",
            "immutable", "strict", "security", "definer", "invoker", "elsif", "declare", "new", "old", "perform"));

    private SqlHighlighter() {
    }

    /** Token classes, then finding underlines on top of them. */
    public static StyleSpans<Collection<String>> style(String text, List<Marked> marks) {
        int n = text.length();
        List<List<String>> classes = new ArrayList<>(n);
        String[] tokenClass = new String[n];
        Lexer lexer = new Lexer(text);
        Token t;
        while ((t = lexer.next()) != null) {
            String c = classOf(t);
            if (c != null) {
                for (int i = Math.max(0, t.start()); i < Math.min(n, t.end()); i++) {
                    tokenClass[i] = c;
                }
            }
        }
        String[] finding = new String[n];
        for (Marked m : marks) {
            String c = switch (m.worst()) {
                case ERROR -> Css.FINDING_ERROR;
                case WARNING -> Css.FINDING_WARNING;
                default -> Css.FINDING_INFO;
            };
            for (int i = Math.max(0, m.start()); i < Math.min(n, m.end()); i++) {
                if (!Character.isWhitespace(text.charAt(i)) || (i > m.start() && i + 1 < m.end())) {
                    finding[i] = c;
                }
            }
        }
        StyleSpansBuilder<Collection<String>> b = new StyleSpansBuilder<>();
        if (n == 0) {
            b.add(List.of(), 0);
            return b.create();
        }
        int runStart = 0;
        for (int i = 1; i <= n; i++) {
            if (i == n || !java.util.Objects.equals(tokenClass[i], tokenClass[runStart])
                    || !java.util.Objects.equals(finding[i], finding[runStart])) {
                List<String> c = new ArrayList<>(2);
                if (tokenClass[runStart] != null) {
                    c.add(tokenClass[runStart]);
                }
                if (finding[runStart] != null) {
                    c.add(Css.UNDERLINE);
                    c.add(finding[runStart]);
                }
                b.add(c, i - runStart);
                runStart = i;
            }
        }
        return b.create();
    }

    private static String classOf(Token t) {
        TokenType type = t.type();
        return switch (type) {
            case WORD -> KEYWORDS.contains(t.text()) ? Css.TOKEN_KEYWORD : Css.TOKEN_IDENT;
            case QUOTED_IDENT -> Css.TOKEN_IDENT;
            case STRING, DOLLAR_STRING -> Css.TOKEN_STRING;
            case NUMBER -> Css.TOKEN_NUMBER;
            case PARAM -> Css.TOKEN_PARAM;
            case COMMENT -> Css.TOKEN_COMMENT;
            case UNTERMINATED -> Css.TOKEN_ERROR;
            case META, SYMBOL -> null;
        };
    }

    /** Finds each result's statement in the text, in order, and returns those with findings. */
    public static List<Marked> locate(String text, List<StatementResult> results) {
        List<Marked> out = new ArrayList<>();
        int from = 0;
        for (StatementResult r : results) {
            String sql = r.sql() == null ? "" : r.sql().strip();
            int at = sql.isEmpty() ? -1 : text.indexOf(sql, from);
            if (at < 0) {
                continue;
            }
            if (!r.findings().isEmpty()) {
                out.add(new Marked(at, at + sql.length(), r));
            }
            from = at + sql.length();
        }
        return out;
    }
}
