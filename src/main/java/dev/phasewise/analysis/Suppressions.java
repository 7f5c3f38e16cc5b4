package dev.phasewise.analysis;

import dev.phasewise.analysis.parse.SourceProblem;
import dev.phasewise.analysis.parse.Token;
import dev.phasewise.analysis.rules.Finding;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code -- phasewise: ignore RULE[,RULE...] reason} in a comment before or on a statement
 * silences those rules (by id or name) for that statement only. A reason is required: a
 * suppression without one is reported and does not apply, so that every silenced risk is
 * explained in the migration itself.
 */
final class Suppressions {
    private static final Pattern DIRECTIVE = Pattern.compile(
            "phasewise:\\s*ignore\\s+([A-Za-z0-9_,\\-]+(?:\\s*,\\s*[A-Za-z0-9_\\-]+)*)\\s*(.*)",
            Pattern.CASE_INSENSITIVE);

    record Suppression(List<String> rules, String reason, int line, int column) {
        boolean covers(Finding f) {
            return rules.stream().anyMatch(r -> r.equalsIgnoreCase("all") || f.rule().isNamedBy(r));
        }
    }

    private Suppressions() {
    }

    static List<Suppression> read(List<Token> comments, List<SourceProblem> problems) {
        List<Suppression> out = new ArrayList<>();
        for (Token c : comments) {
            String text = c.text();
            Matcher m = DIRECTIVE.matcher(text.startsWith("--") ? text.substring(2)
                    : text.substring(2, Math.max(2, text.length() - 2)));
            if (!m.find()) {
                continue;
            }
            List<String> rules = new ArrayList<>();
            for (String r : m.group(1).split(",")) {
                if (!r.isBlank()) {
                    rules.add(r.trim().toLowerCase(Locale.ROOT));
                }
            }
            String reason = m.group(2).trim();
            if (reason.isEmpty()) {
                problems.add(SourceProblem.note(c.line(), c.column(),
                        "suppression of " + String.join(", ", rules) + " ignored: give a reason after the rule, "
                                + "e.g. -- phasewise: ignore " + rules.get(0) + " table is empty in production"));
                continue;
            }
            out.add(new Suppression(rules, reason, c.line(), c.column()));
        }
        return out;
    }
}
