package dev.phasewise.run.backfill;

import dev.phasewise.db.ConnectionSettings;
import dev.phasewise.db.Database;
import dev.phasewise.testing.TestPostgres;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** Small databases for the backfill tests, on the shared embedded PostgreSQL 17. */
final class BackfillFixtures {
    private BackfillFixtures() {
    }

    /** A fresh database; returns its postgresql:// URL. */
    static String database(String name, String... setup) throws SQLException {
        String jdbc = TestPostgres.freshDatabase(17, name);
        try (Connection c = TestPostgres.connect(jdbc); Statement st = c.createStatement()) {
            for (String sql : setup) {
                st.execute(sql);
            }
            st.execute("ANALYZE");
        }
        return url(name);
    }

    static String url(String name) {
        return "postgresql://postgres@localhost:" + TestPostgres.server(17).getPort() + "/" + name;
    }

    static String jdbc(String name) {
        return TestPostgres.server(17).getJdbcUrl("postgres", name);
    }

    static Database open(String name) {
        return Database.open(ConnectionSettings.parse(url(name)));
    }

    static Connection connect(String name) {
        return TestPostgres.connect(jdbc(name));
    }

    static long query(String name, String sql) throws SQLException {
        try (Connection c = connect(name); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** {@code t(id bigint primary key, n int, summary text, body text)} with ids 3, 6, 9, ... skipping multiples of 7: gaps. */
    static String[] bigintTable(int rows) {
        return new String[] {
                "CREATE TABLE t (id bigint PRIMARY KEY, n int NOT NULL DEFAULT 0, summary text, body text NOT NULL)",
                "INSERT INTO t (id, body) SELECT i * 3, 'body of ' || i FROM generate_series(1, " + rows + ") i "
                        + "WHERE i % 7 <> 0"};
    }
}
