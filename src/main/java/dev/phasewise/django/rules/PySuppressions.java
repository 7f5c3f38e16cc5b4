package dev.phasewise.django.rules;

import dev.phasewise.analysis.parse.SourceProblem;
import dev.phasewise.analysis.rules.RuleMeta;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code # phasewise: ignore RULE[,RULE...] reason} in a Python comment on the operation's line or on the
 * comment lines right above it silences those Django rules (by id or name, or "all") for that operation,
 * as {@code -- phasewise: ignore} does for a SQL statement. A reason is required: without one the comment
 * is reported as a note and does not apply, so every silenced risk is explained in the migration itself.
 */
final class PySuppressions {
    private static final Pattern DIRECTIVE = Pattern.compile(
            "#\\s*phasewise:\\s*ignore\\s+([A-Za-z0-9_\\-]+(?:\\s*,\\s*[A-Za-z0-9_\\-]+)*)\\s*(.*)",
            Pattern.CASE_INSENSITIVE);

    private final List<String> lines;
    private final Set<Integer> noted = new HashSet<>();

    private PySuppressions(List<String> lines) {
        this.lines = lines;
    }

    /** The comments of a .py file; none when it cannot be read (nothing is silenced then). */
    static PySuppressions of(Path file) {
        try {
            return new PySuppressions(file == null ? List.of() : Files.readAllLines(file));
        } catch (IOException | RuntimeException e) {
            return new PySuppressions(List.of());
        }
    }

    /** Whether a directive at {@code line} (1-based) or in the comment lines above it silences {@code rule}. */
    boolean silences(int line, RuleMeta rule, List<SourceProblem> notes) {
        for (int i = line; i >= 1 && i <= lines.size(); i--) {
            String text = lines.get(i - 1);
            if (i < line && !text.strip().startsWith("#")) {
                break;  // only the comment block right above the operation
            }
            Matcher m = DIRECTIVE.matcher(text);
            if (!m.find()) {
                continue;
            }
            boolean named = false;
            for (String r : m.group(1).split(",")) {
                named |= r.strip().equalsIgnoreCase("all") || rule.isNamedBy(r.strip());
            }
            if (!named) {
                continue;
            }
            if (m.group(2).isBlank()) {
                if (noted.add(i)) {
                    notes.add(SourceProblem.note(i, m.start() + 1, "suppression of " + m.group(1).strip()
                            + " ignored: give a reason after the rule, e.g. # phasewise: ignore " + rule.id()
                            + " nothing to undo, the column is dropped on rollback"));
                }
                continue;
            }
            return true;
        }
        return false;
    }
}
