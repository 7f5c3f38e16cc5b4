package dev.phasewise.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.phasewise.testing.Resources;
import dev.phasewise.testing.TestPostgres;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** lint --url, trace and inspect through the real command line, against embedded PostgreSQL 17. */
class DatabaseCommandsIT {
    private static String staging;
    private static String preview;

    @TempDir
    Path dir;

    record Run(int exit, String out, String err) {
    }

    @BeforeAll
    static void databases() throws Exception {
        int port = TestPostgres.server(17).getPort();
        for (String name : new String[] {"cli_staging", "cli_preview"}) {
            String jdbc = TestPostgres.freshDatabase(17, name);
            try (Connection c = TestPostgres.connect(jdbc); Statement st = c.createStatement()) {
                st.execute(Resources.text("trace/base-schema.sql"));
                st.execute(Resources.text("trace/base-data.sql"));
                st.execute("ANALYZE");
            }
        }
        try (Connection c = TestPostgres.connect(TestPostgres.server(17).getJdbcUrl("postgres", "postgres"));
             Statement st = c.createStatement()) {
            st.execute("ALTER DATABASE cli_staging SET phasewise.environment = 'staging'");
        }
        staging = "postgresql://postgres@localhost:" + port + "/cli_staging";
        preview = "postgresql://postgres@localhost:" + port + "/cli_preview";
    }

    static synchronized Run run(String... args) {
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        PrintStream old = System.out;
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        try {
            System.setOut(new PrintStream(stdout, true, StandardCharsets.UTF_8));
            int exit = Main.commandLine(new PrintWriter(out, true), new PrintWriter(err, true)).execute(args);
            return new Run(exit, out + stdout.toString(StandardCharsets.UTF_8), err.toString());
        } finally {
            System.setOut(old);
        }
    }

    private Path migration(String sql) throws Exception {
        Path f = dir.resolve("m.sql");
        Files.writeString(f, sql);
        return f;
    }

    /**
     * convert --url reads the catalog: the table's rows and the measured throughput reach the account,
     * and the indexes that exist decide the plan (a foreign key on an indexed column gets no new index,
     * one on an unindexed column does). Nothing is written to the database: convert only reads.
     */
    @Test
    void convertWithAUrlLetsTheCatalogShapeThePlanAndItsAccount() throws Exception {
        Path m = migration("CREATE INDEX articles_article_title_idx ON articles_article (title);\n"
                + "ALTER TABLE articles_article ADD CONSTRAINT articles_author_fk2 FOREIGN KEY (author_id) "
                + "REFERENCES users (id);\n"
                + "ALTER TABLE comments ADD CONSTRAINT comments_user_fk2 FOREIGN KEY (user_id) REFERENCES users (id);\n");
        Path out = dir.resolve("m.plan.yaml");
        Run r = run("convert", "--url", preview, "-o", out.toString(), m.toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("SHARE lock on articles_article (20.0 k rows) for ~"), r.out());
        String yaml = Files.readString(out);
        assertFalse(yaml.contains("articles_article_author_id_idx"), "author_id has an index already\n" + yaml);
        assertTrue(yaml.contains("comments_user_id_idx"), "comments.user_id has none: the plan builds one\n" + yaml);
        try (Connection c = TestPostgres.connect(TestPostgres.server(17).getJdbcUrl("postgres", "cli_preview"));
             Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT count(*) FROM pg_indexes WHERE indexname = "
                     + "'articles_article_title_idx'")) {
            rs.next();
            assertEquals(0, rs.getInt(1), "convert never runs the migration");
        }
    }

    @Test
    void lintWithAUrlUsesTheCatalogAndEstimatesDurations() throws Exception {
        Path m = migration("ALTER TABLE articles_article ALTER COLUMN views TYPE bigint;\n"
                + "ALTER TABLE articles_article VALIDATE CONSTRAINT articles_views_nonneg;\n");
        Run r = run("lint", "--url", preview, "--format", "json", m.toString());
        assertEquals(1, r.exit(), r.err());
        JsonNode doc = new ObjectMapper().readTree(r.out());
        assertEquals(17, doc.get("pg_version").asInt());
        JsonNode rewrite = doc.at("/files/0/statements/0/tables/0");
        assertEquals("articles_article", rewrite.get("name").asText());
        assertTrue(rewrite.get("rewrite").asBoolean());
        assertTrue(rewrite.get("bytes").asLong() > 0, rewrite.toString());
        assertEquals("rewrite", rewrite.get("work").asText());
        assertTrue(rewrite.has("estimated_seconds"), rewrite.toString());
        assertEquals("scan", doc.at("/files/0/statements/1/tables/0/work").asText());
        // the catalog knows the table's rows, so messages say how big it is
        assertTrue(doc.at("/files/0/statements/0/findings/0/message").asText().contains("rows"), r.out());

        Run text = run("lint", "--url", preview, "--color", "never", m.toString());
        assertTrue(text.out().contains("estimate: articles_article: rewrite of "), text.out());
        assertTrue(text.out().contains("under AccessExclusiveLock: about"), text.out());

        Run noEstimate = run("lint", "--url", preview, "--no-estimate", "--format", "json", m.toString());
        assertFalse(noEstimate.out().contains("estimated_seconds"), noEstimate.out());
    }

    @Test
    void lintWithAnUnreachableDatabaseSaysSo() throws Exception {
        Path m = migration("SELECT 1;");
        Run r = run("lint", "--url", "postgresql://postgres@localhost:1/x?connect_timeout=2", m.toString());
        assertEquals(2, r.exit());
        assertTrue(r.err().startsWith("phasewise: "), r.err());
        assertFalse(r.err().contains("Exception"), r.err());
    }

    @Test
    void traceReportsWhatPostgresDidAndRefusesADatabaseNotMarkedStaging() throws Exception {
        Path m = migration("""
                SET lock_timeout = '2s';
                ALTER TABLE articles_article ADD COLUMN summary text;
                CREATE INDEX CONCURRENTLY comments_created_idx ON comments (created_at);
                ALTER TABLE articles_article ADD CONSTRAINT summary_len CHECK (length(summary) < 300) NOT VALID;
                ALTER TABLE articles_article VALIDATE CONSTRAINT summary_len;
                """);
        Run refused = run("trace", "--url", preview, m.toString());
        assertEquals(2, refused.exit());
        assertTrue(refused.err().contains("mark-staging"), refused.err());

        Run r = run("trace", "--url", staging, "--format", "json", m.toString());
        assertEquals(0, r.exit(), r.err() + r.out());
        JsonNode doc = new ObjectMapper().readTree(r.out());
        assertEquals(5, doc.at("/summary/statements").asInt());
        assertEquals(0, doc.at("/summary/disagreements").asInt());
        assertEquals(0, doc.at("/summary/left_behind").asInt());
        assertEquals("AccessExclusiveLock", doc.at("/files/0/statements/1/tables/0/lock").asText());
        assertEquals("ShareUpdateExclusiveLock", doc.at("/files/0/statements/2/tables/0/lock").asText());
        assertTrue(doc.at("/files/0/statements/4/tables/0/scan").asBoolean());
        assertEquals(1, doc.at("/files/0/undone").size());

        Run text = run("trace", "--url", staging, m.toString());
        assertEquals(0, text.exit(), text.err());
        assertTrue(text.out().contains("0 disagreements with the static analysis, nothing left behind"), text.out());
    }

    @Test
    void traceExitsTwoOnBadInputNamingFileAndLineAndStillTracesTheOtherFiles() throws Exception {
        Path empty = dir.resolve("empty.sql");
        Files.writeString(empty, "-- nothing here\n");
        Path syntax = dir.resolve("syntax.sql");
        Files.writeString(syntax, "SELECT 1;\nALTER TABEL articles_article ADD COLUMN x int;\n");
        Path unterminated = dir.resolve("unterminated.sql");
        Files.writeString(unterminated, "SELECT 1;\n\nUPDATE comments SET body = 'x WHERE id = 1;\n");
        Path missing = dir.resolve("missing.sql");
        Path good = dir.resolve("good.sql");
        Files.writeString(good, "ALTER TABLE articles_article ADD COLUMN summary text;\n");

        Run r = run("trace", "--url", staging, empty.toString(), syntax.toString(), missing.toString(),
                unterminated.toString(), good.toString());
        assertEquals(2, r.exit(), r.err() + r.out());
        assertTrue(r.err().contains(empty + ":1:1: error: no SQL statements found"), r.err());
        assertTrue(r.err().contains(syntax + ":2:7: error: syntax error at or near \"TABEL\""), r.err());
        assertTrue(r.err().contains(unterminated + ":3:28: error: unterminated quoted string"), r.err());
        assertTrue(r.err().contains(missing + ": error: no such file"), r.err());
        // the file after the bad ones is still traced
        assertTrue(r.out().contains("good.sql"), r.out());
        assertTrue(r.out().contains("AccessExclusiveLock"), r.out());

        Run json = run("trace", "--url", staging, "--format", "json", missing.toString(), good.toString());
        assertEquals(2, json.exit(), json.err());
        JsonNode doc = new ObjectMapper().readTree(json.out());
        assertEquals("no such file", doc.at("/files/0/problems/0/message").asText());
        assertEquals("AccessExclusiveLock", doc.at("/files/1/statements/0/tables/0/lock").asText());
    }

    @Test
    void traceOfAnUpdateChangesOneRowAndSaysWhatItLeftBehind() throws Exception {
        Path m = migration("UPDATE comments SET body = body || '.';\n");
        Run r = run("trace", "--url", staging, m.toString());
        assertEquals(0, r.exit(), r.err() + r.out());
        assertTrue(r.out().contains("changed only its first row"), r.out());
        assertTrue(r.out().contains("dead rows: comments: 1 row version written and rolled back by the trace"), r.out());
        assertFalse(r.out().contains("nothing left behind"), r.out());
        assertTrue(r.out().contains("1 dead row version left behind for VACUUM"), r.out());

        Run json = run("trace", "--url", staging, "--format", "json", m.toString());
        JsonNode doc = new ObjectMapper().readTree(json.out());
        assertEquals(1, doc.at("/summary/dead_rows").asInt(), json.out());
        assertEquals(1, doc.at("/files/0/dead_rows/comments").asInt(), json.out());
        assertTrue(doc.at("/files/0/statements/0/observation/0").asText().startsWith("changed only its first row"));
    }

    @Test
    void traceShowsProgressOfALongStatementOnStderr() throws Exception {
        Path slow = dir.resolve("slow.sql");
        Files.writeString(slow, "SELECT 1;\nSELECT pg_sleep(2.6);\n");
        Run r = run("trace", "--url", staging, slow.toString());
        assertEquals(0, r.exit(), r.err() + r.out());
        assertTrue(r.err().contains("tracing " + slow + ":2 (statement 2 of 2): SELECT pg_sleep(2.6)"), r.err());
        assertTrue(r.err().contains("done in 2."), r.err());
        assertFalse(r.err().contains(":1 (statement 1 of 2)"), "a quick statement shows no progress: " + r.err());
    }

    @Test
    void inspectShowsFactsAndLiveContext() throws Exception {
        Run r = run("inspect", "--url", preview, "articles_article", "--exact-count");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("articles_article (table)"), r.out());
        assertTrue(r.out().contains("exactly "), r.out());
        assertTrue(r.out().contains("articles_article_slug_key"), r.out());
        assertTrue(r.out().contains("dependent views"), r.out());
        Run json = run("inspect", "--url", preview, "comments", "--format", "json");
        assertEquals(0, json.exit(), json.err());
        JsonNode doc = new ObjectMapper().readTree(json.out());
        assertTrue(doc.at("/table/heap_bytes").asLong() > 0);
        assertTrue(doc.at("/live/lock_holders").isArray());
        Run missing = run("inspect", "--url", preview, "nope");
        assertEquals(2, missing.exit());
        assertTrue(missing.err().contains("no table \"nope\""), missing.err());
    }
}
