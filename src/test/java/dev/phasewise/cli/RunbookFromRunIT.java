package dev.phasewise.cli;

import dev.phasewise.db.Database;
import dev.phasewise.plan.Plan;
import dev.phasewise.plan.PlanFiles;
import dev.phasewise.run.BatchedBackfill;
import dev.phasewise.run.GateHandler;
import dev.phasewise.run.RunControl;
import dev.phasewise.run.RunEvent;
import dev.phasewise.run.RunOptions;
import dev.phasewise.run.RunResult;
import dev.phasewise.run.RunStatus;
import dev.phasewise.run.Runner;
import dev.phasewise.run.RunnerFixture;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A runbook with the timings of a rehearsal run done on embedded PostgreSQL: the plan runs (its
 * backfill through the batched executor), then {@code phasewise runbook --run ID --url URL}
 * renders a PDF whose text holds every step's SQL and the run's measured figures.
 */
class RunbookFromRunIT {
    @TempDir
    Path dir;

    @Test
    void theRunbookOfARecordedRunHoldsItsTimings() throws Exception {
        String name = RunnerFixture.database("runbook_run", true, 30_000);
        Path file = RunnerFixture.SAMPLES.resolve("add-article-summary.plan.yaml");
        Plan plan = PlanFiles.read(file);
        String runId;
        try (Database db = RunnerFixture.open(name)) {
            RunResult r = new Runner(db, RunOptions.defaults(), GateHandler.autoConfirm("ci"), new BatchedBackfill(),
                    e -> { }).start(plan, file, new RunControl());
            assertEquals(RunStatus.SUCCEEDED, r.status(), r.message());
            runId = r.runId();
        }
        Path pdf = dir.resolve("runbook.pdf");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Main.commandLine(new PrintWriter(out, true), new PrintWriter(err, true)).execute("runbook",
                file.toString(), "--run", runId, "--url", RunnerFixture.uri(name), "--format", "pdf", "-o", pdf.toString());
        assertEquals(0, exit, err.toString());
        String text;
        try (PDDocument doc = Loader.loadPDF(Files.readAllBytes(pdf))) {
            PDFTextStripper stripper = new PDFTextStripper();
            stripper.setSortByPosition(true); // SQL wraps across lines; read it in reading order
            text = stripper.getText(doc).replaceAll("\\s+", " ");
        }
        assertTrue(text.contains(runId), "the run is named");
        assertTrue(text.contains("runbook_run"), "the rehearsal database is named");
        assertTrue(text.contains("30,000") || text.contains("30.0 k") || text.contains("30000"),
                "the backfill's rows are in the runbook: " + text);
        assertTrue(text.contains("rows/s"), "the backfill's rate is in the runbook");
        for (var placed : plan.steps()) {
            for (var action : placed.step().forward()) {
                String first = action.sql().replaceAll("\\s+", " ");
                first = first.substring(0, Math.min(40, first.length()));
                assertTrue(text.replace(" ", "").contains(first.replace(" ", "")), "SQL of " + action.id());
            }
        }

        int refused = Main.commandLine(new PrintWriter(out, true), new PrintWriter(err, true)).execute("runbook",
                file.toString(), "--run", "no-such-run", "--url", RunnerFixture.uri(name), "--format", "pdf",
                "-o", dir.resolve("x.pdf").toString());
        assertEquals(2, refused);
        assertTrue(err.toString().contains("no run no-such-run"), err.toString());
        assertTrue(Files.notExists(dir.resolve("x.pdf")));
    }

    /**
     * Issue 13: the events the runner logged are read back by the runbook. A run whose add-column gives up once
     * at lock_timeout and whose backfill changes 50,000 rows in batches of 5,000: the runbook says so (the lock
     * wait, the batches, the batch p99, the chart) and labels its two rates, the one over the step's wall time
     * and the one while batches ran, which is what the run's progress showed.
     */
    @Test
    void theRunbookOfARunShowsItsLockWaitsBatchesP99AndChart() throws Exception {
        String name = RunnerFixture.database("runbook_events", true, 50_000);
        Path file = RunnerFixture.write(dir, "summary.plan.yaml", """
                version: 1
                name: Add Article.summary
                lock_timeout: 2s
                statement_timeout: 30min
                phases:
                  expand:
                    steps:
                      - kind: add-column
                        table: articles_article
                        column: summary
                        type: varchar(300)
                        lock_timeout: 300ms
                  backfill:
                    steps:
                      - kind: backfill
                        table: articles_article
                        set: summary = left(body, 300)
                        where: summary IS NULL
                        batch_rows: 5000
                """);
        Plan plan = PlanFiles.read(file);
        List<RunEvent> seen = new CopyOnWriteArrayList<>();
        String runId;
        try (Database db = RunnerFixture.open(name); Connection blocker = RunnerFixture.connect(name)) {
            blocker.setAutoCommit(false);
            try (Statement b = blocker.createStatement()) {
                b.executeQuery("SELECT count(*) FROM articles_article").close(); // ACCESS SHARE until commit
            }
            RunOptions options = RunOptions.defaults().withBackoff(Duration.ofMillis(100), Duration.ofMillis(200));
            Runner runner = new Runner(db, options, GateHandler.autoConfirm("ci"), new BatchedBackfill(), seen::add);
            CompletableFuture<RunResult> run = CompletableFuture.supplyAsync(() -> runner.start(plan, file,
                    new RunControl()));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (seen.stream().noneMatch(e -> e instanceof RunEvent.StepRetrying) && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            blocker.commit(); // one lock wait, then the ALTER has its lock
            RunResult r = run.get(120, TimeUnit.SECONDS);
            assertEquals(RunStatus.SUCCEEDED, r.status(), r.message());
            runId = r.runId();
        }
        assertEquals(1, seen.stream().filter(e -> e instanceof RunEvent.StepRetrying).count(), seen.toString());
        RunEvent.BackfillProgress done = seen.stream().filter(e -> e instanceof RunEvent.BackfillProgress p
                && p.state().equals("done")).map(e -> (RunEvent.BackfillProgress) e).reduce((a, b) -> b).orElseThrow();

        String md = render(name, file, runId, "md");
        String html = render(name, file, runId, "html");
        for (String text : List.of(md, html)) {
            String flat = text.replaceAll("\\s+", " ");
            assertTrue(flat.contains("1 retry, 1 lock wait beyond lock_timeout"), "the lock wait: " + flat);
            Matcher batches = Pattern.compile("50,000 rows in ([0-9,]+) batches").matcher(flat);
            assertTrue(batches.find(), "the batches: " + flat);
            long n = Long.parseLong(batches.group(1).replace(",", ""));
            // batches of 5,000 rows of the key range: at least 10, and as many as the run's progress counted
            assertTrue(n >= 10, n + " batches");
            assertEquals(done.batches(), n, "the batches the run's progress counted");
            Matcher p99 = Pattern.compile("batch p99 ([0-9]+) ms").matcher(flat);
            assertTrue(p99.find(), "the batch p99: " + flat);
            assertEquals(done.batchP99().toMillis(), Long.parseLong(p99.group(1)), "the run's own p99");
            assertTrue(flat.contains("rows/s over the step's wall time (start-up and waits included)"), flat);
            Matcher running = Pattern.compile("([0-9,]+) rows/s while batches ran").matcher(flat);
            assertTrue(running.find(), "the rate while batches ran: " + flat);
            double whileRunning = Double.parseDouble(running.group(1).replace(",", ""));
            // what the progress showed: its rate over the last 10 s, which for a backfill of a few seconds covers
            // every batch but the first
            assertTrue(Math.abs(whileRunning - done.rowsPerSecond()) <= 0.35 * done.rowsPerSecond(),
                    whileRunning + " rows/s while batches ran in the runbook vs " + done.rowsPerSecond()
                            + " shown by the run");
        }
        int chart = html.indexOf("Backfill rate during the rehearsal");
        assertTrue(chart > 0, "the rate chart is in the HTML runbook");
        int svg = html.indexOf("<svg", chart);
        assertTrue(svg > 0, "the chart is drawn");
        Matcher line = Pattern.compile("<path d=\"M[^\"]* L[^\"]*\"").matcher(html.substring(svg));
        assertTrue(line.find(), "with a line through the samples of the rate: " + html.substring(svg));
        assertNotNull(done);
    }

    private String render(String database, Path plan, String runId, String format) throws Exception {
        Path target = dir.resolve("runbook." + format);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Main.commandLine(new PrintWriter(out, true), new PrintWriter(err, true)).execute("runbook",
                plan.toString(), "--run", runId, "--url", RunnerFixture.uri(database), "--format", format,
                "-o", target.toString());
        assertEquals(0, exit, err.toString());
        return Files.readString(target);
    }
}
