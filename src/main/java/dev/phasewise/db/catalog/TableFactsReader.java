package dev.phasewise.db.catalog;

import dev.phasewise.db.catalog.TableFacts.ColumnFact;
import dev.phasewise.db.catalog.TableFacts.ConstraintFact;
import dev.phasewise.db.catalog.TableFacts.ForeignKeyFact;
import dev.phasewise.db.catalog.TableFacts.IndexFact;
import dev.phasewise.db.catalog.TableFacts.TriggerFact;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads {@link TableFacts} from the catalog. The table is named as the user writes it
 * ({@code articles_article}, {@code archive."Orders"}) and resolved by the server with
 * {@code to_regclass}, always as a bound parameter; the only statement built from the name is
 * the exact count, and it uses the server's own quoting of the resolved relation.
 */
public final class TableFactsReader {
    private final Connection c;

    public TableFactsReader(Connection c) {
        this.c = c;
    }

    /** The facts, or empty when no table of that name exists. */
    public Optional<TableFacts> read(String table, boolean exactCount) throws SQLException {
        Long oid = resolve(table);
        if (oid == null) {
            return Optional.empty();
        }
        String name;
        String kind;
        long estimate;
        long heap;
        long index;
        long toast;
        String parent;
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT c.oid::regclass::text, c.relkind::text,
                       CASE WHEN c.reltuples < 0 THEN -1 ELSE c.reltuples::bigint END,
                       pg_relation_size(c.oid), pg_indexes_size(c.oid),
                       CASE WHEN c.reltoastrelid <> 0 THEN pg_total_relation_size(c.reltoastrelid) ELSE 0 END,
                       (SELECT i.inhparent::regclass::text FROM pg_inherits i WHERE i.inhrelid = c.oid LIMIT 1)
                FROM pg_class c WHERE c.oid = ?""")) {
            ps.setLong(1, oid);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                name = rs.getString(1);
                kind = switch (rs.getString(2)) {
                    case "p" -> "partitioned table";
                    case "m" -> "materialized view";
                    case "f" -> "foreign table";
                    case "v" -> "view";
                    default -> "table";
                };
                estimate = rs.getLong(3);
                heap = rs.getLong(4);
                index = rs.getLong(5);
                toast = rs.getLong(6);
                parent = rs.getString(7);
            }
        }
        long exact = exactCount ? count(oid) : -1;
        long dead = -1;
        String lastVacuum = null;
        String lastAnalyze = null;
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT n_dead_tup, greatest(last_vacuum, last_autovacuum)::text, greatest(last_analyze, last_autoanalyze)::text
                FROM pg_stat_user_tables WHERE relid = ?""")) {
            ps.setLong(1, oid);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    dead = rs.getLong(1);
                    lastVacuum = rs.getString(2);
                    lastAnalyze = rs.getString(3);
                }
            }
        }
        return Optional.of(new TableFacts(name, kind, estimate, exact, heap, index, toast, columns(oid), indexes(oid),
                constraints(oid), triggers(oid), dependentViews(oid), foreignKeys(oid, "conrelid"),
                foreignKeys(oid, "confrelid"), parent, partitions(oid), dead, lastVacuum, lastAnalyze));
    }

    private Long resolve(String table) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT to_regclass(?)::oid")) {
            ps.setString(1, table);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                long oid = rs.getLong(1);
                return rs.wasNull() ? null : oid;
            }
        } catch (SQLException e) {
            // to_regclass raises on malformed names ("a.b.c.d"); that is a name that does not exist
            if ("42601".equals(e.getSQLState()) || "42602".equals(e.getSQLState()) || "3F000".equals(e.getSQLState())) {
                return null;
            }
            throw e;
        }
    }

    private long count(long oid) throws SQLException {
        String quoted;
        try (PreparedStatement ps = c.prepareStatement("SELECT ?::oid::regclass::text")) {
            ps.setLong(1, oid);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                quoted = rs.getString(1); // regclass output is quoted by the server as needed
            }
        }
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT count(*) FROM " + quoted)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private List<ColumnFact> columns(long oid) throws SQLException {
        List<ColumnFact> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT a.attname, format_type(a.atttypid, a.atttypmod), a.attnotnull, pg_get_expr(d.adbin, d.adrelid)
                FROM pg_attribute a LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
                WHERE a.attrelid = ? AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum""")) {
            ps.setLong(1, oid);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new ColumnFact(rs.getString(1), rs.getString(2), rs.getBoolean(3), rs.getString(4)));
                }
            }
        }
        return out;
    }

    private List<IndexFact> indexes(long oid) throws SQLException {
        List<IndexFact> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid), i.indisvalid, i.indisunique,
                       i.indisprimary, i.indpred IS NOT NULL, pg_relation_size(i.indexrelid)
                FROM pg_index i WHERE i.indrelid = ? ORDER BY 1""")) {
            ps.setLong(1, oid);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new IndexFact(rs.getString(1), rs.getString(2), rs.getBoolean(3), rs.getBoolean(4),
                            rs.getBoolean(5), rs.getBoolean(6), rs.getLong(7)));
                }
            }
        }
        return out;
    }

    private List<ConstraintFact> constraints(long oid) throws SQLException {
        List<ConstraintFact> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT conname, contype::text, pg_get_constraintdef(oid), convalidated
                FROM pg_constraint WHERE conrelid = ? ORDER BY conname""")) {
            ps.setLong(1, oid);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new ConstraintFact(rs.getString(1), rs.getString(2), rs.getString(3), rs.getBoolean(4)));
                }
            }
        }
        return out;
    }

    private List<TriggerFact> triggers(long oid) throws SQLException {
        List<TriggerFact> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT tgname, pg_get_triggerdef(oid), tgenabled <> 'D'
                FROM pg_trigger WHERE tgrelid = ? AND NOT tgisinternal ORDER BY tgname""")) {
            ps.setLong(1, oid);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new TriggerFact(rs.getString(1), rs.getString(2), rs.getBoolean(3)));
                }
            }
        }
        return out;
    }

    private List<String> dependentViews(long oid) throws SQLException {
        List<String> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT DISTINCT r.ev_class::regclass::text
                FROM pg_depend d JOIN pg_rewrite r ON r.oid = d.objid
                WHERE d.classid = 'pg_rewrite'::regclass AND d.refclassid = 'pg_class'::regclass
                  AND d.refobjid = ? AND r.ev_class <> d.refobjid ORDER BY 1""")) {
            ps.setLong(1, oid);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
        }
        return out;
    }

    /** @param side "conrelid" for keys this table holds, "confrelid" for keys pointing at it */
    private List<ForeignKeyFact> foreignKeys(long oid, String side) throws SQLException {
        String where = side.equals("conrelid") ? "conrelid = ?" : "confrelid = ?";
        List<ForeignKeyFact> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT conname, conrelid::regclass::text, confrelid::regclass::text, pg_get_constraintdef(oid), convalidated
                FROM pg_constraint WHERE contype = 'f' AND\s""" + where + " ORDER BY conname")) {
            ps.setLong(1, oid);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new ForeignKeyFact(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getBoolean(5)));
                }
            }
        }
        return out;
    }

    private List<String> partitions(long oid) throws SQLException {
        List<String> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT inhrelid::regclass::text FROM pg_inherits WHERE inhparent = ? ORDER BY 1")) {
            ps.setLong(1, oid);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
        }
        return out;
    }
}
