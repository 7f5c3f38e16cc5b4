package dev.phasewise.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code phasewise runbook}: writes the file on success; on bad input lists the errors, exits 2, writes nothing. */
class RunbookCommandTest {
    @TempDir
    Path dir;

    record Run(int exit, String out, String err) {
    }

    static Run runbook(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        String[] all = new String[args.length + 1];
        all[0] = "runbook";
        System.arraycopy(args, 0, all, 1, args.length);
        int exit = Main.commandLine(new PrintWriter(out, true), new PrintWriter(err, true)).execute(all);
        return new Run(exit, out.toString(), err.toString());
    }

    static final String PLAN = "migrations-samples/add-article-summary.plan.yaml";

    @Test
    void writesEveryFormat() throws Exception {
        for (String format : new String[] {"pdf", "html", "md"}) {
            Path o = dir.resolve("out." + format);
            Run r = runbook(PLAN, "--schema", "migrations-samples/schema.sql", "--rehearsal",
                    "src/test/resources/runbook/add-article-summary.rehearsal.json", "--paper", "letter",
                    "--format", format, "--database", "app_production", "--rows", "articles_article=12639000",
                    "-o", o.toString());
            assertEquals(0, r.exit(), r.err());
            assertTrue(Files.size(o) > 1000, format);
        }
        assertTrue(Files.readString(dir.resolve("out.md")).contains("expect ~18 min 31 s"));
        assertTrue(new String(Files.readAllBytes(dir.resolve("out.pdf")), 0, 5).startsWith("%PDF-"));
        try (var files = Files.list(dir)) {
            assertEquals(3, files.count(), "no temp files left behind");
        }
    }

    @Test
    void badPlanListsItsErrorsAndWritesNothing() throws Exception {
        Path plan = dir.resolve("bad.plan.yaml");
        Files.writeString(plan, "version: 1\nname: bad\nphases:\n  expand:\n    steps:\n      - kind: add-colum\n"
                + "        table: t\n");
        Path o = dir.resolve("out.pdf");
        Run r = runbook(plan.toString(), "--format", "pdf", "-o", o.toString());
        assertEquals(2, r.exit());
        assertTrue(r.err().contains(plan + ":6:"), r.err());
        assertTrue(r.err().contains("unknown step kind 'add-colum'"), r.err());
        assertFalse(Files.exists(o));
    }

    @Test
    void invalidStepSettingsAndAForeignRehearsalAreRefused() throws Exception {
        Path plan = dir.resolve("p.plan.yaml");
        Files.writeString(plan, "version: 1\nname: p\nphases:\n  expand:\n    steps:\n      - kind: raw-sql\n"
                + "        sql: \"SELECT 'unterminated\"\n");
        Path o = dir.resolve("out.html");
        Run r = runbook(plan.toString(), "--format", "html", "-o", o.toString());
        assertEquals(2, r.exit());
        assertTrue(r.err().contains(plan.toString()) && r.err().contains("nothing written"), r.err());
        assertFalse(Files.exists(o));

        Run foreign = runbook("migrations-samples/pg-trgm-extension.plan.yaml", "--rehearsal",
                "src/test/resources/runbook/add-article-summary.rehearsal.json", "--format", "md", "-o", o.toString());
        assertEquals(2, foreign.exit());
        assertTrue(foreign.err().contains("is it a rehearsal of another plan?"), foreign.err());
        assertFalse(Files.exists(o));
    }

    @Test
    void existingOutputSurvivesAFailure() throws Exception {
        Path o = dir.resolve("keep.md");
        Files.writeString(o, "previous runbook");
        Run r = runbook(dir.resolve("missing.plan.yaml").toString(), "--format", "md", "-o", o.toString());
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("no such file"), r.err());
        assertEquals("previous runbook", Files.readString(o));
    }
}
