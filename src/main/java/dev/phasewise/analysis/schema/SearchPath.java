package dev.phasewise.analysis.schema;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The schemas PostgreSQL searches for an unqualified name, in order ({@code search_path}). Lookups
 * take the first schema that holds the name; a new object goes into the first schema of the path.
 * {@code "$user"} (a schema named after the session's role) and {@code pg_temp} are left out: offline
 * there is no role to name, and temporary objects are the session's own. {@code pg_catalog} is left
 * out too: it holds no object a migration creates or changes.
 */
public record SearchPath(List<String> schemas) {
    /** PostgreSQL's default, {@code "$user", public}, where no schema is named after the role. */
    public static final SearchPath DEFAULT = new SearchPath(List.of("public"));

    public SearchPath {
        schemas = List.copyOf(schemas);
    }

    /**
     * Reads a setting as written after {@code SET search_path TO}, given to {@code --search-path} or
     * to {@code set_config}: comma-separated names, double-quoted ones kept exactly, others folded to
     * lower case.
     */
    public static SearchPath parse(String setting) {
        List<String> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean quoted = false;
        boolean wasQuoted = false;
        char quote = 0;
        for (int i = 0; i < setting.length(); i++) {
            char ch = setting.charAt(i);
            if (quoted) {
                if (ch == quote && i + 1 < setting.length() && setting.charAt(i + 1) == quote) {
                    current.append(ch);
                    i++;
                } else if (ch == quote) {
                    quoted = false;
                } else {
                    current.append(ch);
                }
            } else if (ch == '"' || ch == '\'') {
                quoted = true;
                wasQuoted = true;
                quote = ch;
            } else if (ch == ',') {
                add(out, current.toString(), wasQuoted);
                current.setLength(0);
                wasQuoted = false;
            } else if (!Character.isWhitespace(ch)) {
                current.append(wasQuoted ? ch : Character.toLowerCase(ch));
            }
        }
        add(out, current.toString(), wasQuoted);
        return new SearchPath(out);
    }

    private static void add(List<String> out, String name, boolean quoted) {
        if (name.isEmpty()) {
            return; // pg_dump's set_config('search_path', '', false): nothing is found unqualified
        }
        String folded = quoted ? name : name.toLowerCase(Locale.ROOT);
        if (folded.equals("$user") || folded.equals("pg_temp") || folded.startsWith("pg_temp_")
                || folded.equals("pg_catalog")) {
            return;
        }
        if (!out.contains(folded)) {
            out.add(folded);
        }
    }

    /** True when unqualified names mean the objects of public, as without any setting. */
    public boolean isDefault() {
        return schemas.equals(DEFAULT.schemas);
    }

    /** The schema a new unqualified object goes into, or null when the path is empty (PostgreSQL refuses). */
    public String creationSchema() {
        return schemas.isEmpty() ? null : schemas.get(0);
    }

    /** As a user would write it: {@code app, public}. */
    public String display() {
        return schemas.isEmpty() ? "''" : String.join(", ", schemas);
    }
}
