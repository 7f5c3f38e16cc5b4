package dev.phasewise.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.phasewise.testing.TestPostgres;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Ctrl-C (SIGTERM, which runs the same shutdown hook as SIGINT) on the real command in its own JVM. */
class BackfillCtrlCIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static long query(String sql) throws Exception {
        try (Connection c = TestPostgres.connect(TestPostgres.server(17).getJdbcUrl("postgres", "bfcli_ctrlc"));
             Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void ctrlCCancelsAfterTheCurrentBatchAndTheNextRunResumes() throws Exception {
        String jdbc = TestPostgres.freshDatabase(17, "bfcli_ctrlc");
        try (Connection c = TestPostgres.connect(jdbc); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE t (id bigint PRIMARY KEY, n int NOT NULL DEFAULT 0)");
            st.execute("INSERT INTO t (id) SELECT generate_series(1, 30000)");
            st.execute("ALTER DATABASE bfcli_ctrlc SET phasewise.environment = 'staging'");
        }
        String url = "postgresql://postgres@localhost:" + TestPostgres.server(17).getPort() + "/bfcli_ctrlc";
        String[] args = {"backfill", "--url", url, "--table", "t", "--set", "n = n + 1", "--batch-rows", "100",
                "--sleep-ms", "10", "--format", "json"};
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "-cp", System.getProperty("java.class.path"), "dev.phasewise.Launcher"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        List<JsonNode> events = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            boolean signalled = false;
            while ((line = r.readLine()) != null) {
                JsonNode e = JSON.readTree(line);
                events.add(e);
                if (!signalled && e.get("event").asText().equals("progress") && e.get("rows_done").asLong() > 2000) {
                    p.toHandle().destroy(); // SIGTERM; Process.destroy() would also close our end of the pipe
                    signalled = true;
                }
            }
        }
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        JsonNode finish = events.get(events.size() - 1);
        assertEquals("finish", finish.get("event").asText(), events.toString());
        assertEquals("cancelled", finish.get("state").asText());
        long done = finish.get("rows_total").asLong();
        assertTrue(done > 2000 && done < 30000, "rows " + done);
        assertEquals(done, query("SELECT count(*) FROM t WHERE n = 1"), "the cancel waited for the batch to commit");
        assertEquals(0, query("SELECT count(*) FROM t WHERE n > 1"));

        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        String[] text = {"backfill", "--url", url, "--table", "t", "--set", "n = n + 1", "--batch-rows", "1000"};
        int exit = Main.commandLine(new PrintWriter(out, true), new PrintWriter(err, true)).execute(text);
        assertEquals(0, exit, err.toString());
        assertTrue(out.toString().contains("resuming backfill cli/t/") && out.toString().contains(" at key "),
                out.toString());
        assertEquals(30_000, query("SELECT count(*) FROM t WHERE n = 1"));
    }
}
