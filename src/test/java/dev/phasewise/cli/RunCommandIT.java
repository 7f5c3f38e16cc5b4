package dev.phasewise.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.phasewise.run.RunnerFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** phasewise run, resume and runs through the real command line, on embedded PostgreSQL 17. */
class RunCommandIT {
    @TempDir
    Path dir;

    record Result(int exit, String out, String err) {
    }

    static Result cli(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Main.commandLine(new PrintWriter(out, true), new PrintWriter(err, true)).execute(args);
        return new Result(exit, out.toString(), err.toString());
    }

    @Test
    void runsASamplePlanWithJsonEventsThenListsIt() throws Exception {
        String db = RunnerFixture.database("cli_run_json", true, 100);
        Result r = cli("run", "migrations-samples/add-article-summary.plan.yaml", "--url", RunnerFixture.uri(db),
                "--confirm-gates", "--format", "json");
        assertEquals(0, r.exit(), r.err() + r.out());
        List<String> lines = r.out().lines().toList();
        ObjectMapper m = new ObjectMapper();
        JsonNode first = m.readTree(lines.get(0));
        JsonNode last = m.readTree(lines.get(lines.size() - 1));
        assertEquals("run-started", first.get("event").asText());
        assertEquals("run-finished", last.get("event").asText());
        assertEquals("succeeded", last.get("status").asText());
        assertTrue(lines.stream().anyMatch(l -> l.contains("\"event\":\"gate-confirmed\"")), r.out());
        assertTrue(lines.stream().anyMatch(l -> l.contains("\"event\":\"backfill-progress\"")), r.out());

        Result runs = cli("runs", "--url", RunnerFixture.uri(db));
        assertEquals(0, runs.exit(), runs.err());
        assertTrue(runs.out().contains(first.get("run_id").asText()), runs.out());
        assertTrue(runs.out().contains("succeeded"), runs.out());
    }

    @Test
    void textModeEndsWithASummaryTableAndAGateStopCanBeResumed() throws Exception {
        String db = RunnerFixture.database("cli_run_text", true, 50);
        // no terminal and no --confirm-gates: the run stops at the first gate
        Result r = cli("run", "migrations-samples/add-article-summary.plan.yaml", "--url", RunnerFixture.uri(db));
        assertEquals(1, r.exit(), r.err() + r.out());
        assertTrue(r.out().contains("not confirmed: no terminal to ask; pass --confirm-gates"), r.out());
        assertTrue(r.err().contains("waiting-at-gate"), r.err());
        String runId = RunnerFixture.one(db, "SELECT run_id FROM phasewise.runs");

        Result resumed = cli("resume", runId, "--url", RunnerFixture.uri(db), "--confirm-gates");
        assertEquals(0, resumed.exit(), resumed.err() + resumed.out());
        assertTrue(resumed.out().contains("Resuming run " + runId), resumed.out());
        String table = resumed.out().substring(resumed.out().indexOf("step  "));
        assertTrue(table.lines().findFirst().orElseThrow().matches("step\\s+status\\s+attempts\\s+duration\\s+verified"),
                table);
        assertTrue(table.contains("add-column-articles_article-summary"), table);
        assertTrue(table.lines().skip(1).allMatch(l -> l.contains(" done ")), table);
        assertTrue(table.contains("yes"), table);
    }

    @Test
    void refusalsAndBadPlansExitWithTwoBeforeAnyWrite() throws Exception {
        String db = RunnerFixture.database("cli_run_refused", false, 10);
        Result r = cli("run", "migrations-samples/add-article-summary.plan.yaml", "--url", RunnerFixture.uri(db));
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("refusing to run") && r.err().contains("not marked as staging"), r.err());
        assertNull(RunnerFixture.one(db, "SELECT to_regnamespace('phasewise')"));

        String staging = RunnerFixture.database("cli_run_badplan", true, 10);
        Path bad = dir.resolve("bad.plan.yaml");
        Files.writeString(bad, """
                version: 1
                name: bad
                phases:
                  expand:
                    steps:
                      - kind: set-not-null
                        table: articles_article
                        column: nope
                """);
        Result b = cli("run", bad.toString(), "--url", RunnerFixture.uri(staging), "--confirm-gates");
        assertEquals(2, b.exit());
        assertTrue(b.err().contains(bad + ":6: expand step set-not-null-articles_article-nope: column"
                + " articles_article.nope does not exist"), b.err());
        assertNull(RunnerFixture.one(staging, "SELECT to_regnamespace('phasewise')"));

        Result unknown = cli("resume", "no-such-run", "--url", RunnerFixture.uri(staging), "--plan", bad.toString());
        assertEquals(2, unknown.exit());
        assertTrue(unknown.err().contains("no run no-such-run"), unknown.err());
    }
}
