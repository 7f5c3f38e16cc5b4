package dev.phasewise.runbook;

import java.util.Locale;
import java.util.Set;

/** SQL as escaped HTML with keywords, strings, comments and parameters in spans; layout is kept. */
final class SqlHighlighter {
    private static final Set<String> KEYWORDS = Set.of("ADD", "ALTER", "ALWAYS", "ANALYZE", "AND", "AS", "BEFORE",
            "AFTER", "BEGIN", "BY", "CASCADE", "CASE", "CHECK", "COLUMN", "COMMIT", "CONCURRENTLY", "CONSTRAINT",
            "CREATE", "DECLARE", "DEFAULT", "DELETE", "DROP", "EACH", "ELSE", "END", "EXECUTE", "EXISTS", "EXTENSION",
            "FOR", "FOREIGN", "FROM", "FUNCTION", "GENERATED", "IDENTITY", "IF", "IN", "INDEX", "INSERT", "INTERVAL",
            "INTO", "IS", "JOIN", "KEY", "LANGUAGE", "LIMIT", "LOCK", "NOT", "NULL", "ON", "OR", "PRIMARY",
            "PROCEDURE", "REFERENCES", "RENAME", "REPLACE", "RESTRICT", "RETURN", "RETURNS", "ROLLBACK", "ROW",
            "SELECT", "SET", "TABLE", "THEN", "TO", "TRIGGER", "TYPE", "UNIQUE", "UPDATE", "USING", "VALID",
            "VALIDATE", "VALUES", "WHEN", "WHERE", "WITH", "SHOW", "OWNED", "SEQUENCE", "NEW", "OLD", "TRUE", "FALSE");

    private SqlHighlighter() {
    }

    static String html(String sql) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        int n = sql.length();
        while (i < n) {
            char c = sql.charAt(i);
            if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
                int end = sql.indexOf('\n', i);
                end = end < 0 ? n : end;
                span(out, "cm", sql.substring(i, end));
                i = end;
            } else if (c == '\'') {
                int end = i + 1;
                while (end < n) {
                    if (sql.charAt(end) == '\'') {
                        if (end + 1 < n && sql.charAt(end + 1) == '\'') {
                            end += 2;
                            continue;
                        }
                        break;
                    }
                    end++;
                }
                end = Math.min(n, end + 1);
                span(out, "st", sql.substring(i, end));
                i = end;
            } else if (c == '"') {
                int end = sql.indexOf('"', i + 1);
                end = end < 0 ? n : end + 1;
                out.append(Html.escape(sql.substring(i, end)));
                i = end;
            } else if (c == '$' && i + 1 < n && Character.isDigit(sql.charAt(i + 1))) {
                int end = i + 1;
                while (end < n && Character.isDigit(sql.charAt(end))) {
                    end++;
                }
                span(out, "pm", sql.substring(i, end));
                i = end;
            } else if (Character.isLetter(c) || c == '_') {
                int end = i;
                while (end < n && (Character.isLetterOrDigit(sql.charAt(end)) || sql.charAt(end) == '_')) {
                    end++;
                }
                String word = sql.substring(i, end);
                if (KEYWORDS.contains(word.toUpperCase(Locale.ROOT))) {
                    span(out, "kw", word);
                } else {
                    out.append(Html.escape(word));
                }
                i = end;
            } else {
                out.append(Html.escape(String.valueOf(c)));
                i++;
            }
        }
        return out.toString();
    }

    private static void span(StringBuilder out, String cls, String text) {
        out.append("<span class=\"").append(cls).append("\">").append(Html.escape(text)).append("</span>");
    }
}
