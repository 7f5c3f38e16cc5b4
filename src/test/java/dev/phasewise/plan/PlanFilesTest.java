package dev.phasewise.plan;

import dev.phasewise.analysis.SchemaFiles;
import dev.phasewise.analysis.StatementResult;
import dev.phasewise.analysis.pg.PgVersion;
import dev.phasewise.analysis.rules.Severity;
import dev.phasewise.plan.steps.Step;
import dev.phasewise.testing.Golden;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PlanFilesTest {

    static Stream<Path> samples() throws IOException {
        return Files.list(Golden.project("migrations-samples")).filter(p -> p.toString().endsWith(".plan.yaml")).sorted();
    }

    /** Every sample plan reads cleanly, its generated SQL has no error-level finding, and its output is golden. */
    @TestFactory
    Stream<DynamicTest> samplePlansAreSafeAndTheirOutputIsGolden() throws IOException {
        var schema = SchemaFiles.of(Files.readString(Golden.project("migrations-samples/schema.sql")));
        return samples().map(p -> DynamicTest.dynamicTest(p.getFileName().toString(), () -> {
            Plan plan = PlanFiles.read(p);
            Map<String, List<StatementResult>> analysis = PlanAnalysis.analyze(plan, schema, PgVersion.DEFAULT);
            analysis.values().stream().flatMap(List::stream).flatMap(r -> r.findings().stream())
                    .filter(f -> f.severity() == Severity.ERROR)
                    .forEach(f -> org.junit.jupiter.api.Assertions.fail(p + ": generated SQL has " + f.rule().id()
                            + ": " + f.message()));
            StringWriter out = new StringWriter();
            PlanText.write(plan, analysis, new PrintWriter(out));
            String name = p.getFileName().toString().replace(".plan.yaml", ".txt");
            Golden.assertMatches(Golden.project("src/test/resources/golden/plans/" + name), out.toString());
        }));
    }

    @Test
    void everyStepKindQuotesIdentifiers() throws Exception {
        Plan plan = PlanFiles.parse("t.plan.yaml", """
                version: 1
                name: hostile names
                phases:
                  expand:
                    steps:
                      - kind: add-column
                        table: my"table
                        column: select
                        type: text
                """);
        Step s = plan.steps().get(0).step();
        assertEquals("ALTER TABLE \"my\"\"table\" ADD COLUMN IF NOT EXISTS \"select\" text", s.forward().get(0).sql());
    }

    /** A batched delete's batch is bounded by the key: the plan's lint finds no whole-table DELETE in it. */
    @Test
    void aBatchedDeleteIsNotLintedAsAnUnbatchedDelete() throws Exception {
        var schema = SchemaFiles.of(Files.readString(Golden.project("migrations-samples/schema.sql")));
        Plan plan = PlanFiles.parse("t.plan.yaml", """
                version: 1
                name: purge
                phases:
                  backfill:
                    steps:
                      - kind: batched-delete
                        table: articles_comment
                        where: body = ''
                """);
        Plan whole = PlanFiles.parse("t.plan.yaml", """
                version: 1
                name: purge at once
                phases:
                  backfill:
                    steps:
                      - kind: raw-sql
                        sql: DELETE FROM articles_comment WHERE body = ''
                """);
        assertTrue(rules(PlanAnalysis.analyze(whole, schema, PgVersion.DEFAULT)).contains("PW122"),
                "the check itself must see a whole-table DELETE");
        List<String> rules = rules(PlanAnalysis.analyze(plan, schema, PgVersion.DEFAULT));
        assertTrue(!rules.contains("PW122"), rules.toString());
        PlanException e = assertThrows(PlanException.class, () -> PlanFiles.parse("t.plan.yaml", """
                version: 1
                name: injection
                phases:
                  backfill:
                    steps:
                      - kind: batched-delete
                        table: t
                        where: true; DROP TABLE users
                """));
        assertTrue(e.getMessage().contains("semicolon"), e.getMessage());
    }

    private static List<String> rules(Map<String, List<StatementResult>> analysis) {
        return analysis.values().stream().flatMap(List::stream).flatMap(r -> r.findings().stream())
                .map(f -> f.rule().id()).toList();
    }

    @Test
    void expressionsCannotSmuggleStatements() {
        PlanException e = assertThrows(PlanException.class, () -> PlanFiles.parse("t.plan.yaml", """
                version: 1
                name: injection
                phases:
                  backfill:
                    steps:
                      - kind: backfill
                        table: t
                        set: a = 1; DROP TABLE users
                """));
        assertTrue(e.getMessage().contains("semicolon"), e.getMessage());
    }

    @Test
    void errorsNameFileLineAndColumn() {
        PlanException e = assertThrows(PlanException.class, () -> PlanFiles.parse("bad.plan.yaml", """
                version: 1
                name: typo
                phases:
                  expand:
                    steps:
                      - kind: add-colum
                        table: t
                """));
        assertTrue(e.getMessage().startsWith("bad.plan.yaml:6:"), e.getMessage());
        assertTrue(e.getMessage().contains("unknown step kind 'add-colum'"), e.getMessage());

        PlanException missing = assertThrows(PlanException.class, () -> PlanFiles.parse("m.plan.yaml", """
                version: 1
                name: missing
                phases:
                  expand:
                    steps:
                      - kind: create-index
                        table: t
                """));
        assertTrue(missing.getMessage().contains("'name' is required"), missing.getMessage());
        assertTrue(missing.getMessage().contains("'columns' is required"), missing.getMessage());

        PlanException unknown = assertThrows(PlanException.class, () -> PlanFiles.parse("u.plan.yaml",
                "version: 1\nname: x\nphases:\n  expand:\n    stepz: []\n"));
        assertTrue(unknown.getMessage().contains("at phases.expand.stepz"), unknown.getMessage());
        assertTrue(unknown.getMessage().contains("unknown field 'stepz'"), unknown.getMessage());

        assertThrows(PlanException.class, () -> PlanFiles.parse("e.plan.yaml", "  \n"));
        assertThrows(PlanException.class, () -> PlanFiles.parse("v.plan.yaml", "version: 2\nname: x\n"));
    }

    @Test
    void nonTransactionalActionsAreMarked() throws Exception {
        Plan plan = PlanFiles.read(Golden.project("migrations-samples/article-published-index.plan.yaml"));
        var actions = plan.steps().get(0).step().forward();
        assertTrue(!actions.get(0).transactional() && actions.get(0).sql().contains("CONCURRENTLY"));
        assertTrue(actions.get(1).transactional());
    }

    @Test
    void aBackfillMayBePacedByDutyCycle() throws Exception {
        Plan plan = PlanFiles.parse("p.plan.yaml", """
                version: 1
                name: paced
                phases:
                  backfill:
                    steps:
                      - kind: backfill
                        table: t
                        set: "n = n + 1"
                        batch_ms: 5
                        sleep_ratio: 9
                """);
        var step = (dev.phasewise.plan.steps.Backfill) plan.steps().get(0).step();
        org.junit.jupiter.api.Assertions.assertEquals(9.0, step.sleepRatio());
        org.junit.jupiter.api.Assertions.assertTrue(PlanFiles.toYaml(plan).contains("sleep_ratio: 9.0"),
                PlanFiles.toYaml(plan));

        PlanException e = assertThrows(PlanException.class, () -> PlanFiles.parse("n.plan.yaml", """
                version: 1
                name: paced
                phases:
                  backfill:
                    steps:
                      - kind: backfill
                        table: t
                        set: "n = n + 1"
                        sleep_ratio: -1
                """));
        assertTrue(e.getMessage().startsWith("n.plan.yaml:"), e.getMessage());
        assertTrue(e.getMessage().contains("'sleep_ratio' must be between 0 and 100"), e.getMessage());
    }

    @Test
    void aBackfillMayBePacedByItsMeasuredWriteImpact() throws Exception {
        Plan plan = PlanFiles.parse("i.plan.yaml", """
                version: 1
                name: paced by impact
                phases:
                  backfill:
                    steps:
                      - kind: backfill
                        table: t
                        set: "n = n + 1"
                        max_write_impact: 1.5
                """);
        var step = (dev.phasewise.plan.steps.Backfill) plan.steps().get(0).step();
        org.junit.jupiter.api.Assertions.assertEquals(1.5, step.maxWriteImpact());
        org.junit.jupiter.api.Assertions.assertEquals(1.5,
                dev.phasewise.run.backfill.BackfillJob.from(step, "r").maxWriteImpact());
        assertTrue(PlanFiles.toYaml(plan).contains("max_write_impact: 1.5"), PlanFiles.toYaml(plan));

        PlanException e = assertThrows(PlanException.class, () -> PlanFiles.parse("i.plan.yaml", """
                version: 1
                name: paced by impact
                phases:
                  backfill:
                    steps:
                      - kind: backfill
                        table: t
                        set: "n = n + 1"
                        max_write_impact: 1
                """));
        assertTrue(e.getMessage().startsWith("i.plan.yaml:"), e.getMessage());
        assertTrue(e.getMessage().contains("'max_write_impact' must be more than 1 and at most 100"), e.getMessage());
    }

    @Test
    void aStepMayOverrideThePlansTimeouts() throws Exception {
        Plan plan = PlanFiles.parse("t.plan.yaml", """
                version: 1
                name: timeouts
                lock_timeout: 2s
                phases:
                  expand:
                    steps:
                      - kind: add-column
                        table: t
                        column: c
                        type: text
                        lock_timeout: 500ms
                        statement_timeout: 1min
                      - kind: add-column
                        table: t
                        column: d
                        type: text
                """);
        var own = plan.steps().get(0).step();
        var plain = plan.steps().get(1).step();
        org.junit.jupiter.api.Assertions.assertEquals("500ms", plan.lockTimeoutFor(own));
        org.junit.jupiter.api.Assertions.assertEquals("1min", plan.statementTimeoutFor(own));
        org.junit.jupiter.api.Assertions.assertEquals("2s", plan.lockTimeoutFor(plain));
        org.junit.jupiter.api.Assertions.assertEquals("0", plan.statementTimeoutFor(plain));
        java.io.StringWriter text = new java.io.StringWriter();
        PlanText.write(plan, PlanAnalysis.analyze(plan, new dev.phasewise.analysis.schema.SchemaModel(),
                new dev.phasewise.analysis.pg.PgVersion(17)), new java.io.PrintWriter(text));
        assertTrue(text.toString().contains("-- this step runs with lock_timeout 500ms, statement_timeout 1min"),
                text.toString());

        PlanException bad = assertThrows(PlanException.class, () -> PlanFiles.parse("b.plan.yaml", """
                version: 1
                name: bad timeout
                phases:
                  expand:
                    steps:
                      - kind: add-column
                        table: t
                        column: c
                        type: text
                        lock_timeout: soon
                """));
        assertTrue(bad.getMessage().contains("expand step add-column-t-c: 'lock_timeout' must be a duration such as"
                + " 500ms, 2s, 30min or 0 (none), not \"soon\""), bad.getMessage());
    }

    // ---- bad input: file, line, what to write; never the parser's internals ----

    @org.junit.jupiter.api.io.TempDir
    Path dir;

    private static String rejected(org.junit.jupiter.api.function.Executable read) {
        String message = assertThrows(PlanException.class, read).getMessage();
        for (String internal : List.of("java.", "Cannot construct", "SnakeYAML", "snakeyaml", "org.yaml",
                "Input length", "JsonToken", "<block", "in 'reader'")) {
            assertTrue(!message.contains(internal), "'" + internal + "' in: " + message);
        }
        return message;
    }

    @Test
    void aTextWhereAListBelongsSaysHowToWriteTheList() {
        String m = rejected(() -> PlanFiles.parse("c.plan.yaml", """
                version: 1
                name: x
                phases:
                  expand:
                    steps:
                      - kind: create-index
                        table: articles_article
                        columns: title
                """));
        assertTrue(m.startsWith("c.plan.yaml:8:18: "), m);
        assertTrue(m.contains("'columns' must be a list, e.g. columns: [title]"), m);
    }

    @Test
    void anSqlFileIsNotEchoedButPointedToLint() throws IOException {
        Path sql = dir.resolve("schema.sql");
        String body = "-- the schema\nCREATE TABLE auth_user (\n  id bigint PRIMARY KEY,\n  username varchar(150)\n);\n";
        Files.writeString(sql, body);
        String m = rejected(() -> PlanFiles.read(sql));
        assertTrue(m.startsWith(sql + ":1:1: this is not a plan file"), m);
        assertTrue(m.contains("'version: 1', 'name' and 'phases'"), m);
        assertTrue(m.contains("run `phasewise lint " + sql + "`"), m);
        assertTrue(!m.contains("auth_user") && !m.contains("CREATE TABLE"), "the file's content is not echoed: " + m);
    }

    @Test
    void malformedYamlSaysWhereAndWhatToFixInPlainWords() {
        String m = rejected(() -> PlanFiles.parse("y.plan.yaml", """
                version: 1
                name: x
                phases:
                  expand:
                    steps:
                      - kind: add-column
                        table: articles_article
                       column: summary
                        type: text
                """));
        assertTrue(m.startsWith("y.plan.yaml:8:8: this line's indentation does not match"), m);
        assertTrue(m.contains("line 6"), m);
        String colon = rejected(() -> PlanFiles.parse("q.plan.yaml",
                "version: 1\nname: x\nphases:\n  backfill:\n    steps:\n      - kind: backfill\n        table: t\n"
                        + "        set: a = 1\n        where: note: x\n"));
        assertTrue(colon.startsWith("q.plan.yaml:9:20: ") && colon.contains("put the value in quotes"), colon);
        String tab = rejected(() -> PlanFiles.parse("t.plan.yaml", "version: 1\nname: x\nphases:\n\texpand:\n"));
        assertTrue(tab.startsWith("t.plan.yaml:4:1: a tab character: YAML indents with spaces only"), tab);
    }

    @Test
    void aBinaryOrNonUtf8FileIsNamedAsSuch() throws IOException {
        Path latin = dir.resolve("latin.plan.yaml");
        Files.write(latin, new byte[] {'v', 'e', 'r', 's', 'i', 'o', 'n', ':', ' ', '1', '\n', 'n', 'a', 'm', 'e', ':', ' ',
                (byte) 0xff, (byte) 0xfe, '\n'});
        String m = rejected(() -> PlanFiles.read(latin));
        assertTrue(m.startsWith(latin + ":2: is not valid UTF-8"), m);
        assertTrue(m.contains("save it as UTF-8"), m);
        Path binary = dir.resolve("x.plan.yaml");
        Files.write(binary, new byte[] {'P', 'K', 3, 4, 0, 0, 1});
        String b = rejected(() -> PlanFiles.read(binary));
        assertTrue(b.startsWith(binary + ": is a binary file"), b);
        assertTrue(b.contains("a plan file is YAML text"), b);
    }

    @Test
    void aMissingRequiredFieldNamesTheStepByPositionAndLine() {
        String m = rejected(() -> PlanFiles.parse("n.plan.yaml", """
                version: 1
                name: x
                phases:
                  expand:
                    steps:
                      - kind: add-column
                        table: t
                        column: c
                        type: text
                      - kind: add-column
                        table: articles_article
                        type: text
                """));
        assertTrue(m.startsWith("n.plan.yaml:10:9: expand step 2 (add-column): 'column' is required"), m);
        assertTrue(m.contains("add a line 'column: ...' to the step"), m);
        assertTrue(!m.contains("null"), m);
        String given = rejected(() -> PlanFiles.parse("g.plan.yaml",
                "version: 1\nname: x\nphases:\n  expand:\n    steps:\n      - kind: add-column\n        id: mine\n"
                        + "        table: t\n"));
        assertTrue(given.contains("g.plan.yaml:6:9: expand step mine: add-column: 'column' is required"), given);
    }
}
