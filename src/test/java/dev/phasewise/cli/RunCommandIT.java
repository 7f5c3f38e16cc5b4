package dev.phasewise.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.phasewise.db.Database;
import dev.phasewise.run.BatchedBackfill;
import dev.phasewise.run.GateHandler;
import dev.phasewise.run.RunControl;
import dev.phasewise.run.RunEvent;
import dev.phasewise.run.RunOptions;
import dev.phasewise.run.RunStatus;
import dev.phasewise.run.RunStore;
import dev.phasewise.run.Runner;
import dev.phasewise.run.RunnerFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
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

    /**
     * Issue 13: a run whose runner is gone (killed: no end recorded, and its lock went with its session) is
     * listed as interrupted and resumable, not running; a run whose runner holds its lock is running. The
     * crash is the runner's own kind (a listener that throws leaves the state exactly as a crash would, and
     * closes the runner's sessions as a dead process's would close); RunnerResumeIT kills a real process.
     */
    @Test
    void aRunWhoseRunnerIsGoneIsListedAsInterruptedAndResumable() throws Exception {
        String db = RunnerFixture.database("cli_run_interrupted", true, 50);
        Path plan = Path.of("migrations-samples/add-article-summary.plan.yaml").toAbsolutePath();
        String runId;
        try (Database d = RunnerFixture.open(db)) {
            CountDownLatch inStep = new CountDownLatch(1);
            CountDownLatch listed = new CountDownLatch(1);
            Runner holding = new Runner(d, RunOptions.defaults(), GateHandler.autoConfirm("ci"), new BatchedBackfill(),
                    e -> {
                        if (e instanceof RunEvent.StepStarted) {
                            inStep.countDown();
                            await(listed);
                            throw new IllegalStateException("the runner dies here");
                        }
                    });
            CompletableFuture<Void> run = CompletableFuture.runAsync(() -> holding.start(plan, new RunControl()));
            assertTrue(inStep.await(60, TimeUnit.SECONDS), "the run started its first step");
            RunStore store = new RunStore(d, Duration.ofSeconds(5));
            runId = store.runs().get(0).runId();
            // its runner is alive and holds the run's lock
            assertEquals(RunStatus.RUNNING, store.runs().get(0).status());
            Result alive = cli("runs", "--url", RunnerFixture.uri(db));
            assertTrue(alive.out().contains(runId + "  running "), alive.out());
            listed.countDown();
            Exception died = assertThrows(Exception.class, () -> run.get(60, TimeUnit.SECONDS));
            assertTrue(String.valueOf(died.getCause()).contains("the runner dies here"), died.toString());
            assertEquals("running", RunnerFixture.one(db, "SELECT status FROM phasewise.runs"), "as stored");
            assertEquals(RunStatus.INTERRUPTED, store.run(runId).orElseThrow().status());
            assertTrue(store.run(runId).orElseThrow().status().resumable());
        }

        Result text = cli("runs", "--url", RunnerFixture.uri(db));
        assertEquals(0, text.exit(), text.err());
        assertTrue(text.out().contains(runId + "  interrupted "), text.out());
        assertTrue(text.out().contains("continue it with: phasewise resume RUN_ID"), text.out());
        Result json = cli("runs", "--url", RunnerFixture.uri(db), "--format", "json");
        JsonNode listed = new ObjectMapper().readTree(json.out()).get("runs").get(0);
        assertEquals("interrupted", listed.get("status").asText(), json.out());
        assertTrue(listed.get("resumable").asBoolean(), json.out());

        Path md = dir.resolve("interrupted.md");
        Result runbook = cli("runbook", plan.toString(), "--run", runId, "--url", RunnerFixture.uri(db), "--format",
                "md", "-o", md.toString());
        assertEquals(0, runbook.exit(), runbook.err());
        assertTrue(Files.readString(md).contains(": interrupted in "), "the step its runner was in");

        Result resumed = cli("resume", runId, "--url", RunnerFixture.uri(db), "--confirm-gates");
        assertEquals(0, resumed.exit(), resumed.err() + resumed.out());
        Result after = cli("runs", "--url", RunnerFixture.uri(db));
        assertTrue(after.out().contains(runId + "  succeeded "), after.out());
        assertTrue(!after.out().contains("interrupted"), after.out());
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(60, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the test did not go on");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
