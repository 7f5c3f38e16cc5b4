package dev.phasewise.sandbox;

import org.postgresql.PGConnection;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The sample schema and data: the seed's Django blog (users, articles, comments, export jobs),
 * exactly the tables {@code migrations-samples/schema.sql} declares, filled set-based with
 * {@code generate_series} on the server. Everything happens in one transaction that ends by
 * writing the marker row, so a load that stops midway leaves no marker and nothing half-loaded.
 *
 * <p>Sizes for N articles: N/50 users (at least 100), N comments, N/20 export jobs (at least 10).
 */
final class SeedData {
    /** Bumped whenever the schema or the data's shape changes: older sandboxes are then reloaded. */
    static final int SCHEMA_VERSION = 1;
    static final String META_TABLE = "phasewise_sandbox_meta";
    /** Comment ids start here: the comment-id-bigint sample plan is about an int key close to 2^31. */
    static final long COMMENT_ID_BASE = 2_000_000_000L;

    /** Counts of a load. */
    record Sizes(long articles, long users, long comments, long exportJobs) {
        static Sizes forArticles(long articles) {
            return new Sizes(articles, Math.max(100, articles / 50), articles, Math.max(10, articles / 20));
        }

        long commentIdBase() {
            return comments <= 100_000_000L ? COMMENT_ID_BASE : 0;
        }
    }

    /** The marker of a complete load. */
    record Meta(int schemaVersion, Sizes sizes, Instant loadedAt, long loadMillis) {
    }

    private SeedData() {
    }

    /** The marker, or null when the database holds no complete load. */
    static Meta readMeta(Connection c) throws SQLException {
        try (Statement st = c.createStatement()) {
            try (ResultSet rs = st.executeQuery("SELECT to_regclass('public." + META_TABLE + "') IS NOT NULL")) {
                rs.next();
                if (!rs.getBoolean(1)) {
                    return null;
                }
            }
            try (ResultSet rs = st.executeQuery("SELECT schema_version, articles, users, comments, export_jobs, "
                    + "loaded_at, load_ms FROM " + META_TABLE + " WHERE complete")) {
                if (!rs.next()) {
                    return null;
                }
                Timestamp at = rs.getTimestamp(6);
                return new Meta(rs.getInt(1), new Sizes(rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5)),
                        at.toInstant(), rs.getLong(7));
            }
        }
    }

    /**
     * Loads everything into the (empty) database, on two connections at once: users and articles
     * on one, comments and export jobs on the other, each group in one transaction that also
     * creates its tables (with wal_level=minimal PostgreSQL then writes no WAL for the rows). Keys,
     * indexes and foreign keys follow, also two at a time, then ANALYZE, and the marker last: a
     * load that stops anywhere leaves no marker, and the next start loads again from scratch.
     */
    static Meta load(ConnectionSource connections, long articles, SandboxListener listener) throws SQLException {
        long started = System.nanoTime();
        Sizes n = Sizes.forArticles(articles);
        SandboxListener shared = synchronizedListener(listener);
        try (Connection c = connections.open(); Statement st = c.createStatement()) {
            st.execute("SELECT 1");
        }
        shared.progress("schema", 0, 1);
        inParallel(connections,
                c -> loadGroup(c, List.of(tables().get(0), tables().get(1)), st -> {
                    chunked(st, "users", n.users(), (lo, hi) -> users(lo, hi, n), shared);
                    chunked(st, "articles", n.articles(), (lo, hi) -> articles(lo, hi, n), shared);
                }),
                c -> loadGroup(c, List.of(tables().get(2), tables().get(3)), st -> {
                    chunked(st, "comments", n.comments(), (lo, hi) -> comments(lo, hi, n), shared);
                    chunked(st, "export jobs", n.exportJobs(), (lo, hi) -> exportJobs(lo, hi, n), shared);
                }));
        shared.progress("schema", 1, 1);
        List<List<String>> steps = constraintsAndIndexes();
        int done = 0;
        int total = steps.stream().mapToInt(List::size).sum();
        for (List<String> step : steps) {
            shared.progress("indexes", done, total);
            // the statements of one step touch different tables: two connections build them side by side
            List<String> left = new ArrayList<>();
            List<String> right = new ArrayList<>();
            for (int i = 0; i < step.size(); i++) {
                (i % 2 == 0 ? left : right).add(step.get(i));
            }
            inParallel(connections, c -> run(c, left), c -> run(c, right));
            done += step.size();
        }
        shared.progress("indexes", total, total);
        try (Connection c = connections.open(); Statement st = c.createStatement()) {
            shared.progress("analyze", 0, 1);
            st.execute("ANALYZE");
            shared.progress("analyze", 1, 1);
            long ms = (System.nanoTime() - started) / 1_000_000;
            c.setAutoCommit(false);
            st.execute("CREATE TABLE " + META_TABLE + " (schema_version int NOT NULL, articles bigint NOT NULL, "
                    + "users bigint NOT NULL, comments bigint NOT NULL, export_jobs bigint NOT NULL, "
                    + "loaded_at timestamptz NOT NULL, load_ms bigint NOT NULL, complete boolean NOT NULL)");
            st.execute("COMMENT ON TABLE " + META_TABLE + " IS 'Phasewise sandbox: one row per complete load; "
                    + "without it the sandbox reloads on start'");
            st.execute("INSERT INTO " + META_TABLE + " VALUES (" + SCHEMA_VERSION + ", " + n.articles() + ", "
                    + n.users() + ", " + n.comments() + ", " + n.exportJobs() + ", clock_timestamp(), " + ms
                    + ", true)");
            c.commit();
            c.setAutoCommit(true);
            // after the marker: visibility map and hint bits set once, as on a settled production
            // table; the load is already complete, so an interruption here is harmless
            shared.progress("vacuum", 0, 1);
            st.execute("VACUUM");
            shared.progress("vacuum", 1, 1);
            return readMeta(c);
        }
    }

    /** Opens connections to the sandbox database. */
    interface ConnectionSource {
        Connection open() throws SQLException;
    }

    private interface Work {
        void on(Connection c) throws SQLException;
    }

    private interface Fill {
        void into(Statement st) throws SQLException;
    }

    private static void loadGroup(Connection c, List<String> ddl, Fill fill) throws SQLException {
        c.setAutoCommit(false);
        try (Statement st = c.createStatement()) {
            st.execute("SELECT setseed(0.4242)");
            for (String d : ddl) {
                st.execute(d);
            }
            fill.into(st);
            c.commit();
        } catch (SQLException | RuntimeException e) {
            c.rollback();
            throw e;
        }
    }

    private static void run(Connection c, List<String> statements) throws SQLException {
        try (Statement st = c.createStatement()) {
            for (String sql : statements) {
                st.execute(sql);
            }
        }
    }

    /**
     * Runs both pieces of work at once, each on its own connection. When one fails, the other's
     * statement is cancelled, and the first failure is thrown.
     */
    private static void inParallel(ConnectionSource connections, Work a, Work b) throws SQLException {
        try (Connection ca = connections.open(); Connection cb = connections.open()) {
            ExecutorService pool = Executors.newFixedThreadPool(2, r -> {
                Thread t = new Thread(r, "sandbox-load");
                t.setDaemon(true);
                return t;
            });
            try {
                Future<?> fa = pool.submit(() -> {
                    a.on(ca);
                    return null;
                });
                Future<?> fb = pool.submit(() -> {
                    b.on(cb);
                    return null;
                });
                Throwable failure = null;
                for (Future<?> f : List.of(fa, fb)) {
                    try {
                        f.get();
                    } catch (ExecutionException e) {
                        if (failure == null) {
                            failure = e.getCause();
                            // stop the other half: its transaction rolls back when its connection closes
                            cancelQuietly(f == fa ? cb : ca);
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new SQLException("sandbox load interrupted", e);
                    }
                }
                if (failure instanceof SQLException sql) {
                    throw sql;
                }
                if (failure instanceof RuntimeException re) {
                    throw re;
                }
                if (failure != null) {
                    throw new SQLException(failure.getMessage(), failure);
                }
            } finally {
                pool.shutdownNow();
            }
        }
    }

    private static void cancelQuietly(Connection c) {
        try {
            c.unwrap(PGConnection.class).cancelQuery();
        } catch (SQLException ignored) {
            // it may have finished already
        }
    }

    private static SandboxListener synchronizedListener(SandboxListener l) {
        return new SandboxListener() {
            @Override
            public synchronized void progress(String phase, long done, long total) {
                l.progress(phase, done, total);
            }

            @Override
            public synchronized void message(String text) {
                l.message(text);
            }
        };
    }

    private interface ChunkSql {
        String sql(long lo, long hi);
    }

    private static void chunked(Statement st, String phase, long total, ChunkSql sql, SandboxListener listener)
            throws SQLException {
        long chunk = Math.max(10_000, (total + 19) / 20);
        listener.progress(phase, 0, total);
        for (long lo = 1; lo <= total; lo += chunk) {
            long hi = Math.min(total, lo + chunk - 1);
            st.execute(sql.sql(lo, hi));
            listener.progress(phase, hi, total);
        }
    }

    /** The tables of migrations-samples/schema.sql, without their keys and indexes (added after the load). */
    static List<String> tables() {
        return List.of("""
                CREATE TABLE auth_user (
                    id bigint GENERATED BY DEFAULT AS IDENTITY,
                    username varchar(150) NOT NULL,
                    email varchar(254) NOT NULL,
                    date_joined timestamptz NOT NULL DEFAULT now()
                )""", """
                CREATE TABLE articles_article (
                    id bigint GENERATED BY DEFAULT AS IDENTITY,
                    author_id bigint NOT NULL,
                    title varchar(200) NOT NULL,
                    slug varchar(50) NOT NULL,
                    body text NOT NULL,
                    status text NOT NULL DEFAULT 'draft',
                    published_at timestamptz,
                    created_at timestamptz NOT NULL DEFAULT now()
                )""", """
                CREATE TABLE articles_comment (
                    id integer GENERATED BY DEFAULT AS IDENTITY,
                    article_id bigint NOT NULL,
                    author_id bigint NOT NULL,
                    body text NOT NULL,
                    created_at timestamptz NOT NULL DEFAULT now()
                )""", """
                CREATE TABLE tasks_taskexportjob (
                    id bigint GENERATED BY DEFAULT AS IDENTITY,
                    owner_id bigint NOT NULL,
                    status varchar(20) NOT NULL DEFAULT 'pending',
                    file_path text,
                    created_at timestamptz NOT NULL DEFAULT now()
                )""");
    }

    /**
     * Keys, indexes and foreign keys, in steps: every step needs the steps before it (a foreign
     * key needs the referenced primary key); within a step, statements on different tables, so
     * that two connections can run them side by side (even and odd positions pair the big ones).
     */
    static List<List<String>> constraintsAndIndexes() {
        return List.of(List.of(
                "ALTER TABLE articles_article ADD PRIMARY KEY (id)",
                "ALTER TABLE articles_comment ADD PRIMARY KEY (id)",
                "CREATE UNIQUE INDEX articles_article_slug_key ON articles_article (slug)",
                "CREATE INDEX articles_comment_article_id_idx ON articles_comment (article_id)",
                "CREATE INDEX articles_article_author_id_idx ON articles_article (author_id)",
                "CREATE INDEX articles_comment_author_id_idx ON articles_comment (author_id)",
                "ALTER TABLE auth_user ADD PRIMARY KEY (id)",
                "ALTER TABLE tasks_taskexportjob ADD PRIMARY KEY (id)",
                "CREATE UNIQUE INDEX auth_user_username_key ON auth_user (username)",
                "CREATE INDEX tasks_taskexportjob_owner_id_idx ON tasks_taskexportjob (owner_id)"), List.of(
                "ALTER TABLE articles_comment ADD FOREIGN KEY (article_id) REFERENCES articles_article (id) "
                        + "ON DELETE CASCADE",
                "ALTER TABLE articles_article ADD FOREIGN KEY (author_id) REFERENCES auth_user (id)",
                "ALTER TABLE articles_comment ADD FOREIGN KEY (author_id) REFERENCES auth_user (id)",
                "ALTER TABLE tasks_taskexportjob ADD FOREIGN KEY (owner_id) REFERENCES auth_user (id)"), List.of(
                // the identities continue after the loaded ids
                "SELECT setval(pg_get_serial_sequence('auth_user', 'id'), (SELECT max(id) FROM auth_user))",
                "SELECT setval(pg_get_serial_sequence('articles_article', 'id'), (SELECT max(id) FROM articles_article))",
                "SELECT setval(pg_get_serial_sequence('articles_comment', 'id'), (SELECT max(id) FROM articles_comment))",
                "SELECT setval(pg_get_serial_sequence('tasks_taskexportjob', 'id'), "
                        + "(SELECT max(id) FROM tasks_taskexportjob))"));
    }

    // ---- data: a deterministic pseudo-random blog (setseed above), text cut from a corpus ----

    private static final String FIRST = "ARRAY['Anna','Ben','Chen','Dana','Elif','Femi','Gita','Hugo','Ines','Jonas',"
            + "'Kai','Lea','Mateo','Nora','Omar','Priya','Quinn','Rosa','Sven','Tomas','Uma','Vera','Wei','Yusuf','Zoe']";
    private static final String LAST = "ARRAY['Novak','Garcia','Okafor','Schmidt','Tanaka','Rossi','Kowalski','Silva',"
            + "'Dubois','Jensen','Nguyen','Haddad','Muller','Ivanova','Kim','Costa','Larsen','Moreau','Patel','Weber']";
    private static final String DOMAINS = "ARRAY['example.com','mail.example.org','example.net','corp.example.com',"
            + "'students.example.edu']";
    private static final String ADJ = "ARRAY['practical','gentle','advanced','hidden','modern','safe','fast','quiet',"
            + "'forgotten','simple','robust','lazy','concurrent','zero-downtime','incremental','boring','real-world']";
    private static final String NOUN = "ARRAY['migrations','indexes','backfills','locks','queries','deployments',"
            + "'serializers','models','templates','caches','transactions','constraints','signals','forms','workers']";
    private static final String TOPIC = "ARRAY['Django','PostgreSQL','Python','REST APIs','Celery','the admin',"
            + "'production','staging','large tables','busy sites','small teams','CI pipelines','a monolith']";
    private static final String CORPUS = "repeat('"
            + "When a table is small every migration looks safe. The trouble starts when the articles table "
            + "holds millions of rows and the application keeps writing to it while the migration runs. Adding "
            + "a column with a volatile default rewrites the table, and the rewrite holds an exclusive lock "
            + "that queues every reader behind it. A nullable column comes first, then the application learns "
            + "to write it, then a batched backfill fills the old rows, and only then does the column become "
            + "required. Each step is short, each step can be rolled back, and the site stays up. Comments "
            + "arrive in bursts after an article is published; most of them are short, a few are long essays "
            + "that quote the article at length. Export jobs run in the background: a user asks for an export, "
            + "a worker writes a file, and the file should expire after a week so that the disk does not fill "
            + "up with forgotten archives. Good indexes make the article list fast; a partial index on the "
            + "published articles serves the home page, and a trigram index helps the search box find titles "
            + "with typos. Renaming a column is a deployment problem more than a database problem: old and new "
            + "code run side by side for a while, and both must keep working. ', 3)";

    private static String users(long lo, long hi, Sizes n) {
        return "INSERT INTO auth_user (id, username, email, date_joined)\n"
                + "SELECT i, u, u || '@' || d[1 + floor(random() * cardinality(d))::int], j FROM (\n"
                + "  SELECT g.i, lower(f[1 + floor(random() * cardinality(f))::int] || '.' "
                + "|| l[1 + floor(random() * cardinality(l))::int]) || g.i AS u,\n"
                + "    now() - interval '7 years' * (1 - sqrt(g.i::float8 / " + n.users() + "))"
                + " - random() * interval '3 days' AS j, d\n"
                + "  FROM generate_series(" + lo + ", " + hi + ") g(i),\n"
                + "    (SELECT " + FIRST + " AS f, " + LAST + " AS l, " + DOMAINS + " AS d) w) x";
    }

    private static String articles(long lo, long hi, Sizes n) {
        return "INSERT INTO articles_article (id, author_id, title, slug, body, status, published_at, created_at)\n"
                + "SELECT i, author, title, left(slug, 49 - length(i::text)) || '-' || i,\n"
                + "  substr(c, 1 + floor(random() * 1500)::int, 60 + floor(power(random(), 3) * 2000)::int),\n"
                + "  st, CASE WHEN st <> 'draft' THEN least(now(), created + random() * interval '2 days') END, created\n"
                + "FROM (\n"
                + "  SELECT i, author, initcap(a1) || ' ' || n1 || ' for ' || t1 || CASE WHEN r2 < 0.3 THEN ', "
                + "part ' || (1 + floor(r2 * 10))::int ELSE '' END AS title,\n"
                + "    replace(lower(a1 || '-' || n1 || '-' || t1), ' ', '-') AS slug,\n"
                + "    CASE WHEN r1 < 0.72 THEN 'published' WHEN r1 < 0.95 THEN 'draft' ELSE 'archived' END AS st,\n"
                + "    created, c\n"
                + "  FROM (\n"
                + "    SELECT g.i, 1 + floor(power(random(), 3) * " + n.users() + ")::bigint AS author,\n"
                + "      a[1 + floor(random() * cardinality(a))::int] AS a1,\n"
                + "      nn[1 + floor(random() * cardinality(nn))::int] AS n1,\n"
                + "      t[1 + floor(random() * cardinality(t))::int] AS t1,\n"
                + "      random() AS r1, random() AS r2,\n"
                + "      now() - interval '6 years' * (1 - sqrt(g.i::float8 / " + n.articles() + "))"
                + " - random() * interval '6 hours' AS created, c\n"
                + "    FROM generate_series(" + lo + ", " + hi + ") g(i),\n"
                + "      (SELECT " + ADJ + " AS a, " + NOUN + " AS nn, " + TOPIC + " AS t, " + CORPUS + " AS c) w\n"
                + "  ) y\n"
                + ") x";
    }

    private static String comments(long lo, long hi, Sizes n) {
        // recent articles draw most comments; a comment follows its article by up to a month
        return "INSERT INTO articles_comment (id, article_id, author_id, body, created_at)\n"
                + "SELECT " + n.commentIdBase() + " + i, art, 1 + floor(power(random(), 2) * " + n.users() + ")::bigint,\n"
                + "  substr(c, 1 + floor(random() * 2500)::int, 12 + floor(power(random(), 2.5) * 900)::int),\n"
                + "  least(now(), now() - interval '6 years' * (1 - sqrt(art::float8 / " + n.articles() + "))"
                + " + power(random(), 2) * interval '30 days')\n"
                + "FROM (\n"
                + "  SELECT g.i, greatest(1, " + n.articles() + " - floor(power(random(), 2) * " + n.articles()
                + ")::bigint) AS art, c\n"
                + "  FROM generate_series(" + lo + ", " + hi + ") g(i), (SELECT " + CORPUS + " AS c) w\n"
                + ") x";
    }

    private static String exportJobs(long lo, long hi, Sizes n) {
        // mostly finished exports over the last year (the expires_at backfill's rows), a few failed,
        // and the pending / running ones all recent
        return "INSERT INTO tasks_taskexportjob (id, owner_id, status, file_path, created_at)\n"
                + "SELECT i, owner, st,\n"
                + "  CASE WHEN st = 'done' THEN format('/var/exports/%s/user_%s/export_%s.csv.gz', "
                + "to_char(created, 'YYYY/MM'), owner, i) END,\n"
                + "  created\n"
                + "FROM (\n"
                + "  SELECT i, owner, st, CASE WHEN st IN ('pending', 'running') THEN now() - r2 * interval '2 hours'\n"
                + "    ELSE now() - power(r2, 2) * interval '400 days' END AS created\n"
                + "  FROM (\n"
                + "    SELECT g.i, 1 + floor(power(random(), 2) * " + n.users() + ")::bigint AS owner,\n"
                + "      CASE WHEN r < 0.80 THEN 'done' WHEN r < 0.88 THEN 'failed' WHEN r < 0.96 THEN 'pending'"
                + " ELSE 'running' END AS st, r2\n"
                + "    FROM (SELECT i, random() AS r, random() AS r2 FROM generate_series(" + lo + ", " + hi
                + ") i) g\n"
                + "  ) y\n"
                + ") x";
    }
}
