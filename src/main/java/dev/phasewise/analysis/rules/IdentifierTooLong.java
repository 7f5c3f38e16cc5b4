package dev.phasewise.analysis.rules;

import dev.phasewise.analysis.parse.Token;

import java.nio.charset.StandardCharsets;

/** Identifiers longer than 63 bytes are silently truncated. */
public final class IdentifierTooLong implements Rule {
    public static final RuleMeta META = new RuleMeta("PW316", "identifier-too-long", Severity.WARNING,
            "Identifier longer than 63 bytes",
            "PostgreSQL truncates identifiers to 63 bytes with only a NOTICE: two long names that share their "
                    + "first 63 bytes collide, and code using the full name does not find the object.",
            "Keep names to 63 bytes (NAMEDATALEN - 1).");

    @Override
    public RuleMeta meta() {
        return META;
    }

    @Override
    public void check(StatementContext ctx, FindingSink out) {
        for (Token t : ctx.statement().tokens()) {
            if (t.isIdentifier() && t.text().getBytes(StandardCharsets.UTF_8).length > 63) {
                out.report(META, ctx.index(), "\"" + t.text() + "\" is " + t.text().getBytes(StandardCharsets.UTF_8)
                        .length + " bytes; PostgreSQL keeps only the first 63",
                        "-- rename to at most 63 bytes, e.g. " + truncate(t.text()));
                return;
            }
        }
    }

    private static String truncate(String s) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            String next = b.toString() + s.charAt(i);
            if (next.getBytes(StandardCharsets.UTF_8).length > 63) {
                break;
            }
            b.append(s.charAt(i));
        }
        return b.toString();
    }
}
