package dev.phasewise.analysis.sql;

/** Values of string constants as the lexer leaves them (raw source text with quotes). */
public final class Literals {
    private Literals() {
    }

    /** 'it''s' → it's; E'a\'b' → a'b (the common escapes only). */
    public static String stringValue(String raw) {
        if (raw.length() >= 2 && (raw.charAt(0) == 'e' || raw.charAt(0) == 'E') && raw.charAt(1) == '\'') {
            String body = raw.substring(2, raw.length() - 1);
            StringBuilder b = new StringBuilder();
            for (int i = 0; i < body.length(); i++) {
                char ch = body.charAt(i);
                if (ch == '\\' && i + 1 < body.length()) {
                    char n = body.charAt(++i);
                    b.append(switch (n) {
                        case 'n' -> '\n';
                        case 't' -> '\t';
                        case 'r' -> '\r';
                        default -> n;
                    });
                } else if (ch == '\'' && i + 1 < body.length() && body.charAt(i + 1) == '\'') {
                    b.append('\'');
                    i++;
                } else {
                    b.append(ch);
                }
            }
            return b.toString();
        }
        int open = raw.indexOf('\'');
        if (open < 0 || raw.length() < open + 2) {
            return raw;
        }
        return raw.substring(open + 1, raw.length() - 1).replace("''", "'");
    }
}
