package dev.phasewise.cli;

import dev.phasewise.db.Database;
import dev.phasewise.plan.Plan;
import dev.phasewise.plan.PlanFiles;
import dev.phasewise.run.BatchedBackfill;
import dev.phasewise.run.GateHandler;
import dev.phasewise.run.RunControl;
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

import static org.junit.jupiter.api.Assertions.assertEquals;
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
}
