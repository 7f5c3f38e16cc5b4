package dev.phasewise.db.catalog;

import dev.phasewise.analysis.SchemaFiles;
import dev.phasewise.analysis.parse.SourceProblem;
import dev.phasewise.analysis.schema.Index;
import dev.phasewise.analysis.schema.Relation;
import dev.phasewise.analysis.schema.SchemaModel;
import dev.phasewise.analysis.schema.SearchPath;
import dev.phasewise.analysis.schema.TableSize;
import dev.phasewise.analysis.sql.QualifiedName;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a live database's schema into the analysis' {@link SchemaModel}.
 *
 * <p>The catalog is turned into the DDL that {@code pg_dump --schema-only} would print (with the
 * server's own {@code pg_get_*def} functions and {@code quote_ident}) and that script is loaded
 * through the same path as a {@code --schema} file. So a database and a schema dump of it give
 * the analysis exactly the same model, and there is one way into the model, not two. What DDL
 * cannot say (sizes, row estimates, invalid indexes, function volatility) is set afterwards.
 */
public final class CatalogSchema {
    /** Schemas that belong to PostgreSQL or to Phasewise itself, never to the application. */
    static final String USER_NAMESPACE = """
            n.nspname NOT IN ('pg_catalog', 'information_schema', 'phasewise')
            AND n.nspname NOT LIKE 'pg\\_toast%' AND n.nspname NOT LIKE 'pg\\_temp%'""";

    private static final String RELATIONS = """
            SELECT c.oid, n.nspname, c.relname, c.relkind,
                   quote_ident(n.nspname) || '.' || quote_ident(c.relname) AS qname,
                   c.relispartition, pg_get_expr(c.relpartbound, c.oid) AS bound,
                   CASE WHEN c.relkind = 'p' THEN pg_get_partkeydef(c.oid) END AS partkey,
                   (SELECT quote_ident(pn.nspname) || '.' || quote_ident(pc.relname)
                      FROM pg_inherits i JOIN pg_class pc ON pc.oid = i.inhparent
                      JOIN pg_namespace pn ON pn.oid = pc.relnamespace
                     WHERE i.inhrelid = c.oid ORDER BY i.inhseqno LIMIT 1) AS parent,
                   CASE WHEN c.reltuples < 0 THEN -1 ELSE c.reltuples::bigint END AS est_rows,
                   CASE WHEN c.relkind IN ('r', 'm', 'p') THEN pg_relation_size(c.oid) ELSE -1 END AS heap,
                   CASE WHEN c.relkind IN ('r', 'm', 'p') THEN pg_indexes_size(c.oid) ELSE -1 END AS idx,
                   CASE WHEN c.reltoastrelid <> 0 THEN pg_total_relation_size(c.reltoastrelid) ELSE 0 END AS toast,
                   CASE WHEN c.relkind IN ('v', 'm') THEN pg_get_viewdef(c.oid) END AS viewdef,
                   (SELECT quote_ident(s.srvname) FROM pg_foreign_table ft JOIN pg_foreign_server s ON s.oid = ft.ftserver
                     WHERE ft.ftrelid = c.oid) AS server
            FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE c.relkind IN ('r', 'p', 'v', 'm', 'f') AND\s""" + USER_NAMESPACE + """
            
            ORDER BY c.relispartition, (SELECT count(*) FROM pg_inherits i WHERE i.inhrelid = c.oid), c.oid""";

    private static final String COLUMNS = """
            SELECT a.attrelid, quote_ident(a.attname), format_type(a.atttypid, a.atttypmod), a.attnotnull,
                   pg_get_expr(d.adbin, d.adrelid), a.attidentity, a.attgenerated, a.attislocal
            FROM pg_attribute a
            JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
            LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
            WHERE a.attnum > 0 AND NOT a.attisdropped AND c.relkind IN ('r', 'p', 'f') AND\s""" + USER_NAMESPACE + """
            
            ORDER BY a.attrelid, a.attnum""";

    private static final String CONSTRAINTS = """
            SELECT co.conrelid, quote_ident(co.conname), pg_get_constraintdef(co.oid)
            FROM pg_constraint co
            JOIN pg_class c ON c.oid = co.conrelid JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE co.contype IN ('p', 'u', 'c', 'f', 'x') AND co.conislocal AND\s""" + USER_NAMESPACE + """
            
            ORDER BY co.contype = 'f', co.conrelid, co.oid""";

    private static final String INDEXES = """
            SELECT pg_get_indexdef(i.indexrelid), i.indisvalid, n.nspname, ic.relname
            FROM pg_index i
            JOIN pg_class ic ON ic.oid = i.indexrelid
            JOIN pg_class c ON c.oid = i.indrelid JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE NOT EXISTS (SELECT 1 FROM pg_constraint co WHERE co.conindid = i.indexrelid AND co.contype IN ('p', 'u', 'x')
                              AND co.conrelid = i.indrelid)
              AND\s""" + USER_NAMESPACE + """
            
            ORDER BY i.indexrelid""";

    private static final String TYPES = """
            SELECT n.nspname, t.typname, t.typtype,
                   EXISTS (SELECT 1 FROM pg_constraint co WHERE co.contypid = t.oid) OR t.typnotnull,
                   format_type(t.typbasetype, t.typtypmod)
            FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
            WHERE t.typtype IN ('e', 'd') AND\s""" + USER_NAMESPACE;

    private static final String FUNCTIONS = """
            SELECT n.nspname, p.proname, p.provolatile
            FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
            WHERE\s""" + USER_NAMESPACE;

    private CatalogSchema() {
    }

    /** The schema model of the database the connection is on, with sizes. */
    public static SchemaModel read(Connection c) throws SQLException {
        Dump dump = dump(c);
        SchemaModel model = new SchemaModel();
        List<SourceProblem> problems = new ArrayList<>();
        SchemaFiles.apply(model, dump.ddl(), problems::add);
        for (Map.Entry<QualifiedName, TableSize> e : dump.sizes().entrySet()) {
            model.find(e.getKey()).ifPresent(r -> r.setSize(e.getValue()));
        }
        for (QualifiedName invalid : dump.invalidIndexes()) {
            model.findIndex(invalid).ifPresent(i -> model.putIndex(
                    i.with(i.name(), i.table(), i.columns(), false)));
        }
        readTypesAndFunctions(c, model);
        model.markComplete();
        model.setSearchPath(searchPath(c));
        return model;
    }

    /**
     * The schemas this session resolves unqualified names through: {@code current_schemas(false)} is
     * the search_path as the server applies it ({@code "$user"} replaced by the role's schema when one
     * exists, schemas that do not exist left out).
     */
    static SearchPath searchPath(Connection c) throws SQLException {
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT s FROM unnest(current_schemas(false)) AS s")) {
            List<String> schemas = new ArrayList<>();
            while (rs.next()) {
                schemas.add(rs.getString(1));
            }
            return new SearchPath(schemas);
        }
    }

    /** The catalog as DDL, plus what DDL cannot carry. */
    public record Dump(String ddl, Map<QualifiedName, TableSize> sizes, List<QualifiedName> invalidIndexes) {
    }

    public static Dump dump(Connection c) throws SQLException {
        Map<Long, Table> tables = new LinkedHashMap<>();
        Map<QualifiedName, TableSize> sizes = new LinkedHashMap<>();
        StringBuilder views = new StringBuilder();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(RELATIONS)) {
            while (rs.next()) {
                QualifiedName name = new QualifiedName(rs.getString(2), rs.getString(3));
                char kind = rs.getString(4).charAt(0);
                String qname = rs.getString(5);
                if (kind == 'v' || kind == 'm') {
                    views.append(kind == 'm' ? "CREATE MATERIALIZED VIEW " : "CREATE VIEW ").append(qname)
                            .append(" AS\n").append(stripSemicolon(rs.getString(14))).append(";\n\n");
                } else {
                    tables.put(rs.getLong(1), new Table(qname, kind, rs.getBoolean(6), rs.getString(7),
                            rs.getString(8), rs.getString(9), rs.getString(15)));
                }
                if (kind != 'v' && kind != 'f') {
                    sizes.put(name, new TableSize(rs.getLong(10), rs.getLong(11), rs.getLong(12), rs.getLong(13)));
                }
            }
        }
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(COLUMNS)) {
            while (rs.next()) {
                Table t = tables.get(rs.getLong(1));
                if (t != null) {
                    t.columns.add(columnDefinition(rs));
                    t.localColumns.add(rs.getBoolean(8));
                }
            }
        }
        StringBuilder ddl = new StringBuilder("-- read from the catalog by Phasewise\n\n");
        for (Table t : tables.values()) {
            ddl.append(t.ddl()).append(";\n\n");
        }
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(CONSTRAINTS)) {
            while (rs.next()) {
                Table t = tables.get(rs.getLong(1));
                if (t != null) {
                    ddl.append("ALTER TABLE ONLY ").append(t.qname).append(" ADD CONSTRAINT ").append(rs.getString(2))
                            .append(' ').append(rs.getString(3)).append(";\n");
                }
            }
        }
        List<QualifiedName> invalid = new ArrayList<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(INDEXES)) {
            while (rs.next()) {
                ddl.append(rs.getString(1)).append(";\n");
                if (!rs.getBoolean(2)) {
                    invalid.add(new QualifiedName(rs.getString(3), rs.getString(4)));
                }
            }
        }
        ddl.append('\n').append(views);
        return new Dump(ddl.toString(), sizes, invalid);
    }

    private static String columnDefinition(ResultSet rs) throws SQLException {
        StringBuilder col = new StringBuilder(rs.getString(2)).append(' ').append(rs.getString(3));
        String identity = rs.getString(6);
        String generated = rs.getString(7);
        String expr = rs.getString(5);
        if ("a".equals(identity)) {
            col.append(" GENERATED ALWAYS AS IDENTITY");
        } else if ("d".equals(identity)) {
            col.append(" GENERATED BY DEFAULT AS IDENTITY");
        } else if ("s".equals(generated) && expr != null) {
            col.append(" GENERATED ALWAYS AS (").append(expr).append(") STORED");
        } else if ("v".equals(generated) && expr != null) {
            col.append(" GENERATED ALWAYS AS (").append(expr).append(") VIRTUAL");
        } else if (expr != null) {
            col.append(" DEFAULT ").append(expr);
        }
        if (rs.getBoolean(4)) {
            col.append(" NOT NULL");
        }
        return col.toString();
    }

    private static String stripSemicolon(String viewdef) {
        String s = viewdef.strip();
        return s.endsWith(";") ? s.substring(0, s.length() - 1) : s;
    }

    private static void readTypesAndFunctions(Connection c, SchemaModel model) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(TYPES)) {
            while (rs.next()) {
                QualifiedName name = new QualifiedName(rs.getString(1), rs.getString(2));
                if ("e".equals(rs.getString(3))) {
                    model.putEnum(name);
                } else {
                    // the base type as PostgreSQL prints it, read by the same parser as a CREATE DOMAIN in a file
                    SchemaFiles.apply(model, "CREATE DOMAIN " + name.quoted() + " AS " + rs.getString(5) + ";", p -> { });
                    if (rs.getBoolean(4)) {
                        model.putConstrainedDomain(name);
                    }
                }
            }
        }
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(FUNCTIONS)) {
            while (rs.next()) {
                String v = switch (rs.getString(3)) {
                    case "i" -> "immutable";
                    case "s" -> "stable";
                    default -> "volatile";
                };
                model.putFunction(new QualifiedName(rs.getString(1), rs.getString(2)), v);
            }
        }
    }

    /** One table, partition or foreign table as the catalog describes it. */
    private static final class Table {
        final String qname;
        final char kind;
        final boolean partition;
        final String bound;
        final String partitionKey;
        final String parent;
        final String server;
        final List<String> columns = new ArrayList<>();
        final List<Boolean> localColumns = new ArrayList<>();

        Table(String qname, char kind, boolean partition, String bound, String partitionKey, String parent,
              String server) {
            this.qname = qname;
            this.kind = kind;
            this.partition = partition;
            this.bound = bound;
            this.partitionKey = partitionKey;
            this.parent = parent;
            this.server = server;
        }

        String ddl() {
            if (partition && parent != null) {
                return "CREATE TABLE " + qname + " PARTITION OF " + parent + " " + bound
                        + (partitionKey != null ? " PARTITION BY " + partitionKey : "");
            }
            List<String> own = new ArrayList<>();
            for (int i = 0; i < columns.size(); i++) {
                if (parent == null || localColumns.get(i)) {
                    own.add(columns.get(i));
                }
            }
            StringBuilder s = new StringBuilder(kind == 'f' ? "CREATE FOREIGN TABLE " : "CREATE TABLE ")
                    .append(qname).append(" (\n    ").append(String.join(",\n    ", own)).append("\n)");
            if (parent != null) {
                s.append(" INHERITS (").append(parent).append(')');
            }
            if (partitionKey != null) {
                s.append(" PARTITION BY ").append(partitionKey);
            }
            if (kind == 'f' && server != null) {
                s.append(" SERVER ").append(server);
            }
            return s.toString();
        }
    }
}
