package dev.phasewise.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.phasewise.db.ConnectionSettings;
import dev.phasewise.db.Database;
import dev.phasewise.run.EventJson;
import dev.phasewise.run.RunEvent;
import dev.phasewise.run.backfill.BackfillControl;
import dev.phasewise.run.backfill.BackfillExecutor;
import dev.phasewise.run.backfill.BackfillJob;
import dev.phasewise.run.backfill.BackfillOutcome;
import dev.phasewise.testing.TestPostgres;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** phasewise backfill through the real command line, against embedded PostgreSQL 17. */
class BackfillCommandIT {
    private static String staging;
    private static String preview;

    record Run(int exit, String out, String err) {
    }

    @BeforeAll
    static void databases() throws Exception {
        int port = TestPostgres.server(17).getPort();
        for (String name : new String[] {"bfcli_staging", "bfcli_preview"}) {
            String jdbc = TestPostgres.freshDatabase(17, name);
            try (Connection c = TestPostgres.connect(jdbc); Statement st = c.createStatement()) {
                st.execute("CREATE TABLE articles (id bigint PRIMARY KEY, body text NOT NULL, summary text, "
                        + "n int NOT NULL DEFAULT 0)");
                st.execute("INSERT INTO articles (id, body) SELECT i * 2, 'article ' || i FROM generate_series(1, 20000) i");
                st.execute("ANALYZE");
            }
        }
        try (Connection c = TestPostgres.connect(TestPostgres.server(17).getJdbcUrl("postgres", "postgres"));
             Statement st = c.createStatement()) {
            st.execute("ALTER DATABASE bfcli_staging SET phasewise.environment = 'staging'");
        }
        staging = "postgresql://postgres@localhost:" + port + "/bfcli_staging";
        preview = "postgresql://postgres@localhost:" + port + "/bfcli_preview";
    }

    static synchronized Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Main.commandLine(new PrintWriter(out, true), new PrintWriter(err, true)).execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    private static long query(String db, String sql) throws Exception {
        try (Connection c = TestPostgres.connect(TestPostgres.server(17).getJdbcUrl("postgres", db));
             Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void refusesADatabaseThatIsNotStagingBeforeWritingAnything() throws Exception {
        Run r = run("backfill", "--url", preview, "--table", "articles", "--set", "n = n + 1");
        assertEquals(2, r.exit(), r.err());
        assertTrue(r.err().contains("refusing to backfill") && r.err().contains("not marked as staging"), r.err());
        assertEquals(0, query("bfcli_preview", "SELECT count(*) FROM articles WHERE n <> 0"));
        assertEquals(0, query("bfcli_preview", "SELECT count(*) FROM pg_namespace WHERE nspname = 'phasewise'"));
    }

    @Test
    void badSetIsAUsageErrorBeforeAnyWrite() throws Exception {
        Run r = run("backfill", "--url", staging, "--table", "articles", "--set", "n = 1; DROP TABLE articles");
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("semicolon"), r.err());
        Run unknown = run("backfill", "--url", staging, "--table", "articles", "--set", "nope = 1");
        assertEquals(2, unknown.exit());
        assertTrue(unknown.err().contains("\"nope\" is not a column"), unknown.err());
        Run both = run("backfill", "--url", staging, "--table", "articles", "--set", "n = 1", "--batch-rows", "5",
                "--batch-ms", "5");
        assertEquals(2, both.exit());
        assertEquals(20_000, query("bfcli_staging", "SELECT count(*) FROM articles WHERE n = 0"));
    }

    /** A number that changes when any row's n or summary does (other tests of this class write these rows too). */
    private static final String ROWS_STATE = "SELECT ('x' || left(md5(string_agg(id || ':' || n || ':' "
            + "|| coalesce(summary, '-'), ',' ORDER BY id)), 15))::bit(60)::bigint FROM articles";

    @Test
    void unknownColumnsAndWrongTypesInsideTheExpressionsAreRefusedNamingTheOption() throws Exception {
        String[][] cases = {
                // option, SET, WHERE, what the message must say
                {"--set", "summary = left(bodyy, 10)", null, "column \"bodyy\" does not exist"},
                {"--set", "n = left(body, 10)", null, "column \"n\" is of type integer"},
                {"--set", "summary = left(body, 10", null, "unclosed \"(\""},
                {"--where", "summary = left(body, 10)", "bodyy IS NULL", "column \"bodyy\" does not exist"},
                {"--where", "summary = left(body, 10)", "body + 1", "operator does not exist: text + integer"},
                {"--where", "summary = left(body, 10)", "summary IS NULL AND", "syntax error"},
        };
        long before = query("bfcli_staging", ROWS_STATE);
        for (String[] c : cases) {
            List<String> args = new ArrayList<>(List.of("backfill", "--url", staging, "--table", "articles",
                    "--set", c[1]));
            if (c[2] != null) {
                args.addAll(List.of("--where", c[2]));
            }
            Run r = run(args.toArray(String[]::new));
            assertEquals(2, r.exit(), c[1] + " / " + c[2] + ": " + r.err());
            assertTrue(r.err().startsWith("phasewise: " + c[0] + ": ") && r.err().contains(c[3]),
                    c[1] + " / " + c[2] + ": " + r.err());
        }
        assertEquals(before, query("bfcli_staging", ROWS_STATE), "nothing written");
    }

    @Test
    void aJsonProgressLineNamesItsFiguresAsTheRunEventsStoredForABackfillStep() throws Exception {
        try (Connection c = TestPostgres.connect(TestPostgres.server(17).getJdbcUrl("postgres", "bfcli_staging"));
             Statement st = c.createStatement()) {
            st.execute("CREATE TABLE progress_shape (id bigint PRIMARY KEY, v int NOT NULL DEFAULT 0)");
            st.execute("INSERT INTO progress_shape (id) SELECT i FROM generate_series(1, 3000) i");
        }
        Run r = run("backfill", "--url", staging, "--table", "progress_shape", "--set", "v = 1", "--batch-rows", "1000",
                "--format", "json");
        assertEquals(0, r.exit(), r.err());
        JsonNode last = null;
        for (String line : r.out().split("\n")) {
            JsonNode e = new ObjectMapper().readTree(line);
            if (e.get("event").asText().equals("progress")) {
                last = e;
            }
        }
        assertTrue(last != null, r.out());
        // what the runner stores in phasewise.run_events for a backfill step's progress, every figure known
        RunEvent.BackfillProgress stored = new RunEvent.BackfillProgress("r", Instant.EPOCH, "s", 3000, 3000, 1.5,
                Duration.ofSeconds(1), 1000, Duration.ofMillis(2), Duration.ofMillis(3), 0, "done", Duration.ofSeconds(4),
                Duration.ofMillis(5), 3);
        JsonNode event = new ObjectMapper().readTree(EventJson.toJson(stored));
        List<String> missing = new ArrayList<>();
        for (var field : event.properties()) {
            String name = field.getKey();
            if (!List.of("event", "run_id", "at", "step_id").contains(name) && !last.has(name)) {
                missing.add(name);
            }
        }
        assertEquals(List.of(), missing, "the CLI's progress line: " + last + "; a stored event: " + event);
        assertEquals(3000, last.get("rows_done").asLong(), last.toString());
        assertEquals(1000, last.get("batch_rows").asInt(), last.toString());
        assertEquals("done", last.get("state").asText(), last.toString());
        assertEquals(3, last.get("batches").asLong(), last.toString());
    }

    @Test
    void jsonEventsThenResumeAtTheCheckpointAndNothingTwice() throws Exception {
        String set = "summary = upper(body), n = n + 1";
        // a first run that stops part-way (as after Ctrl-C), through the engine with the CLI's job id
        try (Database db = Database.open(ConnectionSettings.parse(staging))) {
            BackfillControl control = new BackfillControl();
            BackfillOutcome first = new BackfillExecutor(db).execute(BackfillJob.builder("articles", set)
                    .where("summary IS NULL").batchRows(1000).build(), control, p -> {
                        if (p.rowsDone() >= 3000) {
                            control.cancel();
                        }
                    });
            assertTrue(first.cancelled());
        }
        long before = query("bfcli_staging", "SELECT count(*) FROM articles WHERE n = 1");
        assertTrue(before > 0 && before < 20_000);
        Run r = run("backfill", "--url", staging, "--table", "articles", "--set", set, "--where", "summary IS NULL",
                "--batch-rows", "1500", "--format", "json");
        assertEquals(0, r.exit(), r.err());
        List<JsonNode> events = new ArrayList<>();
        for (String line : r.out().split("\n")) {
            events.add(new ObjectMapper().readTree(line));
        }
        assertEquals("resume", events.get(0).get("event").asText(), r.out());
        assertTrue(events.get(0).get("message").asText().startsWith("resuming backfill cli/articles/"), r.out());
        assertTrue(events.get(0).get("message").asText().contains(" at key "), r.out());
        JsonNode finish = events.get(events.size() - 1);
        assertEquals("finish", finish.get("event").asText());
        assertEquals("done", finish.get("state").asText());
        assertEquals(20_000 - before, finish.get("rows_updated").asLong());
        assertTrue(finish.get("resumed").asBoolean());
        assertTrue(events.stream().anyMatch(e -> e.get("event").asText().equals("progress")));
        assertEquals(20_000, query("bfcli_staging", "SELECT count(*) FROM articles WHERE n = 1 AND summary = upper(body)"));
        // again: already complete, exit 0, nothing updated
        Run again = run("backfill", "--url", staging, "--table", "articles", "--set", set, "--where", "summary IS NULL");
        assertEquals(0, again.exit(), again.err());
        assertTrue(again.out().contains("already complete"), again.out());
        assertTrue(again.out().contains("0 rows updated"), again.out());
        assertEquals(0, query("bfcli_staging", "SELECT count(*) FROM articles WHERE n > 1"));
    }

    @Test
    void textModeShowsTheBatchSqlAndASummary() throws Exception {
        Run r = run("backfill", "--url", staging, "--table", "public.articles", "--set", "n = n", "--key", "id",
                "--batch-ms", "50", "--workers", "2", "--job-id", "text-mode");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("UPDATE \"public\".\"articles\" SET \"n\" = (n) WHERE \"id\" > $lo AND \"id\" <= $hi"),
                r.out());
        assertTrue(r.out().contains("text-mode: done — 20,000 rows updated"), r.out());
        assertFalse(r.err().contains("phasewise:"), r.err());
    }
}
