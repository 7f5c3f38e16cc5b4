package dev.phasewise.runbook;

import dev.phasewise.analysis.parse.SqlSyntax;

/**
 * SQL as escaped HTML with keywords, strings, comments and parameters in spans; layout is kept.
 * The tokens are {@link SqlSyntax}'s, the same the window's editor colours.
 */
final class SqlHighlighter {
    private SqlHighlighter() {
    }

    static String html(String sql) {
        StringBuilder out = new StringBuilder();
        int at = 0;
        for (SqlSyntax.Span s : SqlSyntax.spans(sql)) {
            out.append(Html.escape(sql.substring(at, s.start())));
            String text = sql.substring(s.start(), s.end());
            String cls = switch (s.kind()) {
                case KEYWORD -> "kw";
                case STRING, UNTERMINATED -> "st";
                case COMMENT -> "cm";
                case PARAMETER -> "pm";
                case IDENTIFIER, NUMBER -> null;
            };
            out.append(cls == null ? Html.escape(text)
                    : "<span class=\"" + cls + "\">" + Html.escape(text) + "</span>");
            at = s.end();
        }
        return out.append(Html.escape(sql.substring(at))).toString();
    }
}
