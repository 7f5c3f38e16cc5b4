package dev.phasewise.ui.step;

import dev.phasewise.analysis.StatementResult;
import dev.phasewise.analysis.parse.SqlSyntax;
import dev.phasewise.analysis.rules.Finding;
import dev.phasewise.analysis.rules.Severity;
import dev.phasewise.ui.Css;
import org.fxmisc.richtext.model.StyleSpans;
import org.fxmisc.richtext.model.StyleSpansBuilder;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Styles SQL by {@link SqlSyntax} (the analysis' own lexer, so highlighting agrees with how
 * statements are split: dollar quotes, nested comments, E'' strings), and marks the statements
 * that have findings.
 */
public final class SqlHighlighter {
    /** Where a statement with findings sits in the text. */
    public record Marked(int start, int end, StatementResult result) {
        public Severity worst() {
            return result.findings().stream().map(Finding::severity).max(Comparator.naturalOrder())
                    .orElse(Severity.INFO);
        }
    }

    private SqlHighlighter() {
    }

    /** Token classes, then finding underlines on top of them. */
    public static StyleSpans<Collection<String>> style(String text, List<Marked> marks) {
        int n = text.length();
        List<List<String>> classes = new ArrayList<>(n);
        String[] tokenClass = new String[n];
        for (SqlSyntax.Span span : SqlSyntax.spans(text)) {
            String c = classOf(span.kind());
            for (int i = span.start(); i < span.end(); i++) {
                tokenClass[i] = c;
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
            if (i == n || !Objects.equals(tokenClass[i], tokenClass[runStart])
                    || !Objects.equals(finding[i], finding[runStart])) {
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

    private static String classOf(SqlSyntax.Kind kind) {
        return switch (kind) {
            case KEYWORD -> Css.TOKEN_KEYWORD;
            case IDENTIFIER -> Css.TOKEN_IDENT;
            case STRING -> Css.TOKEN_STRING;
            case NUMBER -> Css.TOKEN_NUMBER;
            case PARAMETER -> Css.TOKEN_PARAM;
            case COMMENT -> Css.TOKEN_COMMENT;
            case UNTERMINATED -> Css.TOKEN_ERROR;
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
