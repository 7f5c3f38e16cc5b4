package dev.phasewise.db.trace;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The application's schema as the catalog describes it, object by object, so that two snapshots
 * can be compared: before and after a trace, nothing may differ. Keys name the object, values
 * hold its full definition as PostgreSQL prints it.
 */
public record CatalogSnapshot(Map<String, String> objects) {
    private static final String USER = """
            n.nspname NOT IN ('pg_catalog', 'information_schema', 'phasewise')
            AND n.nspname NOT LIKE 'pg\\_toast%' AND n.nspname NOT LIKE 'pg\\_temp%'""";

    private static final List<String> QUERIES = List.of(
            // relations, with kind and partition bound (a detached partition shows here)
            """
            SELECT 'relation ' || quote_ident(n.nspname) || '.' || quote_ident(c.relname),
                   c.relkind::text || coalesce(' ' || (SELECT i.inhparent::regclass::text FROM pg_inherits i WHERE i.inhrelid = c.oid
                                                 ORDER BY i.inhseqno LIMIT 1), '')
                   || coalesce(' ' || pg_get_expr(c.relpartbound, c.oid), '')
            FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE c.relkind IN ('r', 'p', 'v', 'm', 'f', 'S', 'i', 'I') AND\s""" + USER,
            """
            SELECT 'index ' || quote_ident(n.nspname) || '.' || quote_ident(c.relname),
                   pg_get_indexdef(i.indexrelid) || CASE WHEN i.indisvalid THEN '' ELSE ' (INVALID)' END
            FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE\s""" + USER,
            """
            SELECT 'column ' || c.oid::regclass::text || '.' || quote_ident(a.attname),
                   format_type(a.atttypid, a.atttypmod) || CASE WHEN a.attnotnull THEN ' NOT NULL' ELSE '' END
                   || coalesce(' DEFAULT ' || pg_get_expr(d.adbin, d.adrelid), '')
            FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
            LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
            WHERE a.attnum > 0 AND NOT a.attisdropped AND c.relkind IN ('r', 'p', 'v', 'm', 'f') AND\s""" + USER,
            """
            SELECT 'constraint ' || co.conrelid::regclass::text || '.' || quote_ident(co.conname),
                   pg_get_constraintdef(co.oid) || CASE WHEN co.convalidated THEN '' ELSE ' (NOT VALIDATED)' END
            FROM pg_constraint co JOIN pg_namespace n ON n.oid = co.connamespace
            WHERE co.conrelid <> 0 AND\s""" + USER,
            """
            SELECT 'trigger ' || t.tgrelid::regclass::text || '.' || quote_ident(t.tgname),
                   pg_get_triggerdef(t.oid) || ' ' || t.tgenabled::text
            FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE NOT t.tgisinternal AND\s""" + USER,
            """
            SELECT 'type ' || quote_ident(n.nspname) || '.' || quote_ident(t.typname),
                   t.typtype::text || coalesce(' ' || (SELECT string_agg(e.enumlabel, ',' ORDER BY e.enumsortorder)
                                                  FROM pg_enum e WHERE e.enumtypid = t.oid), '')
            FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
            WHERE t.typtype IN ('e', 'd', 'c') AND (t.typtype <> 'c' OR EXISTS
                  (SELECT 1 FROM pg_class c WHERE c.oid = t.typrelid AND c.relkind = 'c')) AND\s""" + USER,
            """
            SELECT 'function ' || p.oid::regprocedure::text, md5(pg_get_functiondef(p.oid))
            FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
            WHERE p.prokind IN ('f', 'p') AND\s""" + USER,
            """
            SELECT 'extension ' || quote_ident(x.extname), x.extversion FROM pg_extension x""",
            """
            SELECT 'schema ' || quote_ident(n.nspname), '' FROM pg_namespace n WHERE\s""" + USER);

    public static CatalogSnapshot take(Connection c) throws SQLException {
        Map<String, String> out = new TreeMap<>();
        try (Statement st = c.createStatement()) {
            for (String q : QUERIES) {
                try (ResultSet rs = st.executeQuery(q)) {
                    while (rs.next()) {
                        out.put(rs.getString(1), rs.getString(2));
                    }
                }
            }
        }
        return new CatalogSnapshot(out);
    }

    /** What differs from {@code before}, one line per object: "+ added", "- removed", "~ changed". */
    public List<String> differencesFrom(CatalogSnapshot before) {
        List<String> out = new ArrayList<>();
        for (Map.Entry<String, String> e : objects.entrySet()) {
            String old = before.objects.get(e.getKey());
            if (old == null) {
                out.add("+ " + e.getKey() + ": " + e.getValue());
            } else if (!old.equals(e.getValue())) {
                out.add("~ " + e.getKey() + ": " + old + " -> " + e.getValue());
            }
        }
        for (Map.Entry<String, String> e : before.objects.entrySet()) {
            if (!objects.containsKey(e.getKey())) {
                out.add("- " + e.getKey() + ": " + e.getValue());
            }
        }
        return out;
    }
}
