package dev.phasewise.db;

import dev.phasewise.analysis.pg.LockMode;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * What the {@link Tracer} reads from the server around a traced statement: the relations and their
 * files, a session's own locks, and the statistics counters (rows written, sequential scans) whose
 * differences say what the statement did. Queries only; the tracing itself is the Tracer's.
 */
final class TraceReads {
    static final String RELATIONS = """
            SELECT c.oid, n.nspname, c.relname, c.relkind, c.relfilenode
            FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE c.relkind IN ('r', 'p', 'v', 'm', 'f')
              AND n.nspname NOT IN ('pg_catalog', 'information_schema', 'phasewise')
              AND n.nspname NOT LIKE 'pg\\_toast%' AND n.nspname NOT LIKE 'pg\\_temp%'""";

    /** A relation as the trace found it before the statement. */
    record Rel(long oid, String name, char relkind, long relfilenode) {
    }

    private TraceReads() {
    }

    /**
     * Rows inserted and updated per table, as the session's pending statistics count them. Since
     * PostgreSQL 15 these include earlier transactions of the session not yet flushed, so only a
     * difference within one transaction (when nothing is flushed) counts this transaction's rows.
     */
    static Map<Long, Long> written(Connection c) throws SQLException {
        return countsByRelation(c, "SELECT relid, n_tup_ins + n_tup_upd FROM pg_stat_xact_user_tables "
                + "WHERE n_tup_ins + n_tup_upd > 0");
    }
    /** A query's (relation oid, count) rows as a map. */
    static Map<Long, Long> countsByRelation(Connection c, String sql) throws SQLException {
        Map<Long, Long> out = new HashMap<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                out.put(rs.getLong(1), rs.getLong(2));
            }
        }
        return out;
    }
    /** Makes the session publish its pending statistics, so that counters read elsewhere are current. */
    static void flushStats(Connection c, int version) throws SQLException {
        try (Statement st = c.createStatement()) {
            if (version >= 150000) {
                st.execute("SELECT pg_stat_force_next_flush()");
            }
            st.execute("SELECT 1");
        }
    }
    /** seq_scan counters once they stop moving (the stats system publishes with some delay). */
    static Map<Long, Long> settledScans(Connection observer, Set<Long> oids, int version)
            throws SQLException, InterruptedException {
        long pause = version >= 150000 ? 100 : 700;
        Map<Long, Long> last = sharedScans(observer, oids);
        for (int i = 0; i < 20; i++) {
            Thread.sleep(pause);
            Map<Long, Long> now = sharedScans(observer, oids);
            if (now.equals(last)) {
                return now;
            }
            last = now;
        }
        return last;
    }
    static Map<Long, Rel> relations(Connection c) throws SQLException {
        Map<Long, Rel> out = new LinkedHashMap<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(RELATIONS)) {
            while (rs.next()) {
                String schema = rs.getString(2);
                String name = schema.equals("public") ? rs.getString(3) : schema + "." + rs.getString(3);
                out.put(rs.getLong(1), new Rel(rs.getLong(1), name, rs.getString(4).charAt(0), rs.getLong(5)));
            }
        }
        return out;
    }
    static Map<Long, Set<LockMode>> ownLockModes(Connection c) throws SQLException {
        Map<Long, Set<LockMode>> out = new HashMap<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
                "SELECT relation, mode FROM pg_locks WHERE pid = pg_backend_pid() AND locktype = 'relation' AND granted")) {
            while (rs.next()) {
                out.computeIfAbsent(rs.getLong(1), k -> EnumSet.noneOf(LockMode.class))
                        .add(LockMode.fromPgName(rs.getString(2)));
            }
        }
        return out;
    }
    static Map<Long, Long> xactScans(Connection c) throws SQLException {
        return countsByRelation(c, "SELECT relid, seq_scan FROM pg_stat_xact_user_tables");
    }
    static Map<Long, Long> sharedScans(Connection c, Set<Long> oids) throws SQLException {
        Map<Long, Long> out = new HashMap<>();
        try (Statement st = c.createStatement()) {
            st.execute("SELECT pg_stat_clear_snapshot()");
            try (ResultSet rs = st.executeQuery("SELECT relid, seq_scan FROM pg_stat_user_tables")) {
                while (rs.next()) {
                    if (oids.contains(rs.getLong(1))) {
                        out.put(rs.getLong(1), rs.getLong(2));
                    }
                }
            }
        }
        return out;
    }
    static Map<Long, Long> filenodes(Connection c, Set<Long> oids) throws SQLException {
        Map<Long, Long> out = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT oid, relfilenode FROM pg_class WHERE oid::bigint = ANY (?)")) {
            ps.setArray(1, c.createArrayOf("int8", oids.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getLong(1), rs.getLong(2));
                }
            }
        }
        return out;
    }
    static long scalar(Connection c, String query) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(query)) {
            rs.next();
            return rs.getLong(1);
        }
    }
    static int serverVersion(Connection c) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SHOW server_version_num")) {
            rs.next();
            return Integer.parseInt(rs.getString(1));
        }
    }
}
