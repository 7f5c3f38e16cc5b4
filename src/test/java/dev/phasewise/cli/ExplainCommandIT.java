package dev.phasewise.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.phasewise.db.StagingGuard;
import dev.phasewise.testing.TestPostgres;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code phasewise explain} through picocli with captured output, against PostgreSQL 17. */
class ExplainCommandIT {
    private static String jdbc;
    private static String uri;
    private static String unmarked;

    @TempDir
    Path dir;

    @BeforeAll
    static void database() throws Exception {
        jdbc = TestPostgres.freshDatabase(17, "explain_cli");
        uri = "postgresql://postgres:postgres@localhost:" + TestPostgres.server(17).getPort() + "/explain_cli";
        try (Connection c = TestPostgres.connect(jdbc); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE items (id bigint PRIMARY KEY, code int);"
                    + "INSERT INTO items SELECT g, g % 10 FROM generate_series(1, 20000) g; ANALYZE items");
            st.execute(StagingGuard.markSql("explain_cli"));
        }
        unmarked = TestPostgres.freshDatabase(17, "explain_cli_prod");
        try (Connection c = TestPostgres.connect(unmarked); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE items (id bigint PRIMARY KEY, code int); INSERT INTO items VALUES (1, 1)");
        }
    }

    record Run(int exit, String out, String err) {
    }

    static Run explain(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        String[] all = new String[args.length + 1];
        all[0] = "explain";
        System.arraycopy(args, 0, all, 1, args.length);
        int exit = Main.commandLine(new PrintWriter(out, true), new PrintWriter(err, true)).execute(all);
        return new Run(exit, out.toString(), err.toString());
    }

    @Test
    void jsonHasSnakeCaseNodesAndWarnings() throws Exception {
        Run r = explain("--url", jdbc, "--format", "json", "--sql", "UPDATE items SET code = 0 WHERE code = 3");
        assertEquals(0, r.exit(), r.err());
        JsonNode root = new ObjectMapper().readTree(r.out());
        assertEquals("ModifyTable", root.get("plan").get("node_type").asText());
        assertEquals("Update", root.get("plan").get("operation").asText());
        JsonNode scan = root.get("plan").get("children").get(0);
        assertEquals("Seq Scan", scan.get("node_type").asText());
        assertTrue(scan.get("plan_rows").asDouble() > 0);
        assertEquals("seq-scan-large-table", root.get("warnings").get(0).get("code").asText());
        assertEquals(scan.get("id").asInt(), root.get("warnings").get(0).get("node_id").asInt());
    }

    @Test
    void textFromAFileWithALibpqUriAndAnalyze() throws Exception {
        Path f = dir.resolve("q.sql");
        Files.writeString(f, "-- one batch\nDELETE FROM items WHERE id > $1 AND id <= $2;\n");
        Run r = explain("--url", uri, "--analyze", "--param", "10", "--param", "20", f.toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().startsWith("Parameters: $1 = 10, $2 = 20\nDelete on items"), r.out());
        assertTrue(r.out().contains("Index Scan using items_pkey on items"), r.out());
        assertTrue(r.out().contains("rows=10 loops=1"), r.out());
        assertTrue(r.out().contains("rolled back"), r.out());
        Run count = explain("--url", jdbc, "--analyze", "--sql", "SELECT count(*) FROM items");
        assertTrue(count.out().contains("rows=1 loops=1"), count.out());
        try (Connection c = TestPostgres.connect(jdbc); Statement st = c.createStatement();
             var rs = st.executeQuery("SELECT count(*) FROM items")) {
            rs.next();
            assertEquals(20000, rs.getLong(1));
        }
    }

    @Test
    void ddlIsNotExplainable() {
        Run r = explain("--url", jdbc, "--sql", "ALTER TABLE items ADD COLUMN x int");
        assertEquals(0, r.exit(), r.err());
        assertEquals("not explainable: ALTER TABLE\n", r.out());
    }

    @Test
    void inputErrorsExitTwo() {
        Run two = explain("--url", jdbc, "--sql", "SELECT 1; SELECT 2");
        assertEquals(2, two.exit());
        assertTrue(two.err().startsWith("phasewise: EXPLAIN takes exactly one statement"), two.err());
        Run badUrl = explain("--url", "mysql://x", "--sql", "SELECT 1");
        assertEquals(2, badUrl.exit());
        assertTrue(badUrl.err().contains("invalid connection settings"), badUrl.err());
        Run missing = explain("--url", jdbc, "--sql", "SELECT * FROM nowhere");
        assertEquals(2, missing.exit());
        assertTrue(missing.err().contains("nowhere"), missing.err());
        Run noFile = explain("--url", jdbc, dir.resolve("absent.sql").toString());
        assertEquals(2, noFile.exit());
        assertTrue(noFile.err().contains("absent.sql: no such file"), noFile.err());
        Run neither = explain("--url", jdbc);
        assertEquals(2, neither.exit());
    }

    @Test
    void analyzeRunsOnlyOnAStagingDatabase() throws Exception {
        Run refused = explain("--url", unmarked, "--analyze", "--sql", "UPDATE items SET code = 2");
        assertEquals(2, refused.exit(), refused.out());
        assertTrue(refused.err().contains("explain --analyze runs the statement, so only on a staging database"),
                refused.err());
        assertTrue(refused.err().contains("not marked as staging"), refused.err());
        assertEquals("", refused.out());
        Run plain = explain("--url", unmarked, "--sql", "UPDATE items SET code = 2");
        assertEquals(0, plain.exit(), plain.err());
        assertTrue(plain.out().contains("Update on items"), plain.out());
    }

    @Test
    void aMisspelledCommandIsAnInputErrorNotAUtilityStatement() {
        Run r = explain("--url", jdbc, "--sql", "SELEC 1 FROM items");
        assertEquals(2, r.exit(), r.out());
        assertEquals("", r.out());
        assertTrue(r.err().contains("line 1, column 1: syntax error at or near \"SELEC\""), r.err());
    }

    @Test
    void serverErrorsPointIntoTheUsersTextNotTheExplainPrefix() throws Exception {
        Run sql = explain("--url", jdbc, "--sql", "SELECT code\n  FROM nowhere");
        assertEquals(2, sql.exit());
        assertTrue(sql.err().contains("line 2, column 8: ERROR: relation \"nowhere\" does not exist"), sql.err());
        assertTrue(!sql.err().contains("Position"), sql.err());
        Path f = dir.resolve("batch.sql");
        Files.writeString(f, "-- a batch\n\nUPDATE items SET code = 0\nWHERE id > $1 AND idd <= $2;\n");
        Run generic = explain("--url", jdbc, f.toString());
        assertEquals(2, generic.exit());
        assertTrue(generic.err().contains("line 4, column 19: ERROR: column \"idd\" does not exist"), generic.err());
        Run bound = explain("--url", jdbc, "--param", "1", "--param", "2", f.toString());
        assertTrue(bound.err().contains("line 4, column 19: ERROR: column \"idd\" does not exist"), bound.err());
    }
}
