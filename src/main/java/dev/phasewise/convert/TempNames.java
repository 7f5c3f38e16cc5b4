package dev.phasewise.convert;

import dev.phasewise.analysis.schema.Relation;
import dev.phasewise.analysis.schema.SchemaModel;
import dev.phasewise.analysis.sql.QualifiedName;

import java.nio.charset.StandardCharsets;

/**
 * Names for the objects a rewrite builds beside the original ones until they can take the original
 * names (a shadow column, an index built on it, a constraint): the wanted name, cut to fit
 * PostgreSQL's 63 bytes, with a number added while it is taken.
 */
final class TempNames {
    private TempNames() {
    }

    /** A column name not used on the table. */
    static String column(Relation table, String wanted) {
        return free(wanted, n -> table.column(n).isPresent());
    }

    /** An index name not used by any relation or index of the table's schema. */
    static String relation(SchemaModel schema, QualifiedName table, String wanted) {
        return free(wanted, n -> schema.find(new QualifiedName(table.schema(), n)).isPresent()
                || schema.findIndex(new QualifiedName(table.schema(), n)).isPresent());
    }

    /** A constraint name not used on the table. */
    static String constraint(Relation table, String wanted) {
        return free(wanted, n -> table.constraint(n).isPresent());
    }

    private static String free(String wanted, java.util.function.Predicate<String> taken) {
        String base = clip(wanted, PgNames.MAX);
        String candidate = base;
        for (int n = 2; taken.test(candidate); n++) {
            String suffix = Integer.toString(n);
            candidate = clip(base, PgNames.MAX - suffix.length()) + suffix;
        }
        return candidate;
    }

    private static String clip(String s, int maxBytes) {
        StringBuilder b = new StringBuilder();
        int used = 0;
        for (int cp : s.codePoints().toArray()) {
            int len = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8).length;
            if (used + len > maxBytes) {
                break;
            }
            b.appendCodePoint(cp);
            used += len;
        }
        return b.toString();
    }
}
