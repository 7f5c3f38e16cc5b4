package dev.phasewise.run;

import dev.phasewise.db.ConnectionSettings;
import dev.phasewise.db.Database;
import dev.phasewise.db.PgEnvironment;
import dev.phasewise.testing.TestPostgres;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;

/** Databases for the runner tests: the samples' schema.sql with a few hundred rows, marked staging or not. */
public final class RunnerFixture {
    public static final Path SAMPLES = Path.of("migrations-samples");

    private RunnerFixture() {
    }

    public static EmbeddedPostgres pg() {
        return TestPostgres.server(17);
    }

    /** A fresh database holding schema.sql and {@code articles} articles (plus users, comments, export jobs). */
    public static String database(String name, boolean staging, int articles) throws Exception {
        String url = TestPostgres.freshDatabase(17, name);
        try (Connection c = DriverManager.getConnection(url, "postgres", "postgres"); Statement st = c.createStatement()) {
            st.execute(Files.readString(SAMPLES.resolve("schema.sql"), StandardCharsets.UTF_8));
            st.execute("INSERT INTO auth_user (username, email) SELECT 'user' || g, 'user' || g || '@example.com'"
                    + " FROM generate_series(1, 3) g");
            st.execute("INSERT INTO articles_article (author_id, title, slug, body, status, published_at)"
                    + " SELECT 1 + g % 3, 'Title ' || g, 'slug-' || g, repeat('Body text ', 40) || g,"
                    + " CASE WHEN g % 2 = 0 THEN 'published' ELSE 'draft' END,"
                    + " CASE WHEN g % 2 = 0 THEN now() - g * interval '1 hour' END FROM generate_series(1, " + articles
                    + ") g");
            st.execute("INSERT INTO articles_comment (article_id, author_id, body) SELECT 1 + g % " + articles
                    + ", 1 + g % 3, 'comment ' || g FROM generate_series(1, " + (2 * articles) + ") g");
            st.execute("INSERT INTO tasks_taskexportjob (owner_id, status) SELECT 1 + g % 3,"
                    + " CASE WHEN g % 3 = 0 THEN 'done' ELSE 'pending' END FROM generate_series(1, " + articles + ") g");
            if (staging) {
                st.execute("ALTER DATABASE " + name + " SET phasewise.environment = 'staging'");
            }
        }
        return name;
    }

    public static ConnectionSettings settings(String database) {
        return ConnectionSettings.resolve(Map.of("host", "localhost", "port", Integer.toString(pg().getPort()), "user",
                "postgres", "dbname", database), new PgEnvironment(Map.of(), Path.of("/nonexistent-home"), "nobody",
                PgEnvironment.Os.POSIX));
    }

    public static String uri(String database) {
        return "postgresql://postgres@localhost:" + pg().getPort() + "/" + database;
    }

    public static Database open(String database) {
        return Database.open(settings(database));
    }

    public static Connection connect(String database) throws Exception {
        return DriverManager.getConnection(pg().getJdbcUrl("postgres", database), "postgres", "postgres");
    }

    public static String one(String database, String sql) throws Exception {
        try (Connection c = connect(database); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    public static Path write(Path dir, String name, String yaml) throws Exception {
        Path p = dir.resolve(name);
        Files.writeString(p, yaml, StandardCharsets.UTF_8);
        return p;
    }
}
