package dev.phasewise.run;

import dev.phasewise.db.Database;
import dev.phasewise.db.catalog.CatalogSchema;
import dev.phasewise.plan.PlanFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A plan's backfill whose SET or WHERE names a column that does not exist, has a syntax error or the
 * wrong type is refused before the run writes anything (not even the expand step that comes first),
 * with the plan file, the step's line and the step; the expressions are checked against the table as
 * the plan will have made it, so a column that an earlier step adds is known.
 */
class RunnerBackfillPreflightIT {
    @TempDir
    Path dir;

    private static String plan(String set, String where) {
        return """
                version: 1
                name: summary
                phases:
                  expand:
                    steps:
                      - kind: add-column
                        table: articles_article
                        column: summary
                        type: varchar(300)
                  backfill:
                    steps:
                      - kind: backfill
                        table: articles_article
                        set: %s
                """.formatted(set) + (where == null ? "" : "        where: " + where + "\n");
    }

    @Test
    void badExpressionsAreRefusedWithFileLineAndStepBeforeAnyWrite() throws Exception {
        String name = RunnerFixture.database("run_preflight_expr", true, 50);
        String[][] cases = {
                {"summary = left(bodyy, 300)", null, "SET \"summary = left(bodyy, 300)\" is not valid on articles_article:"
                        + " column \"bodyy\" does not exist"},
                {"summary = left(body, 300)", "bodyy IS NULL", "WHERE \"bodyy IS NULL\" is not valid on articles_article:"
                        + " column \"bodyy\" does not exist"},
                {"summary = left(body 300)", null, "SET \"summary = left(body 300)\" is not valid on articles_article:"
                        + " syntax error at or near \"300\""},
                {"summary = left(body, 300)", "length(body)", "WHERE \"length(body)\" is not valid on articles_article:"
                        + " argument of WHERE must be type boolean, not type integer"},
                {"summary = left(body, 300)", "body + 1", "operator does not exist: text + integer"},
                {"summry = left(body, 300)", null, "SET: \"summry\" is not a column of articles_article (columns: id, "},
                {"summary = left(body, 300)", "articles_article.nope IS NULL",
                        "column articles_article.nope does not exist"},
        };
        try (Database db = RunnerFixture.open(name)) {
            Runner runner = new Runner(db, RunOptions.defaults(), GateHandler.autoConfirm("ci"), new BatchedBackfill(),
                    new CopyOnWriteArrayList<>()::add);
            for (int i = 0; i < cases.length; i++) {
                String[] c = cases[i];
                Path file = RunnerFixture.write(dir, "bad" + i + ".plan.yaml", plan(c[0], c[1]));
                RunException e = assertThrows(RunException.class, () -> runner.start(file, new RunControl()), c[0]);
                assertEquals(RunException.Reason.PLAN_INVALID, e.reason());
                assertEquals(1, e.problems().size(), e.getMessage());
                String problem = e.problems().get(0);
                assertTrue(problem.startsWith(file + ":12: backfill step backfill-articles_article: "), problem);
                assertTrue(problem.contains(c[2]), problem);
            }
            // two statements are refused when the plan is read, before the database is asked
            Path twoStatements = RunnerFixture.write(dir, "semicolon.plan.yaml",
                    plan("summary = left(body, 300); DROP TABLE articles_article", null));
            RunException e = assertThrows(RunException.class, () -> runner.start(twoStatements, new RunControl()));
            assertTrue(e.getMessage().contains("backfill step backfill-articles_article: backfill: 'set' contains a"
                    + " semicolon"), e.getMessage());
        }
        assertNull(RunnerFixture.one(name, "SELECT to_regnamespace('phasewise')"), "no run recorded");
        assertNull(RunnerFixture.one(name, "SELECT attname FROM pg_attribute WHERE attrelid = 'articles_article'::regclass"
                + " AND attname = 'summary'"), "the expand step did not run");
        assertNull(RunnerFixture.one(name, "SELECT relname FROM pg_class WHERE relname = 'phasewise_backfill_probe'"));
    }

    /** A batched delete's WHERE is checked the same way, planned as the batch's DELETE; a good one passes. */
    @Test
    void aBatchedDeletesWhereIsCheckedBeforeAnyWrite() throws Exception {
        String name = RunnerFixture.database("run_preflight_delete", true, 50);
        String plan = """
                version: 1
                name: purge
                phases:
                  backfill:
                    steps:
                      - kind: batched-delete
                        table: articles_article
                        where: %s
                """;
        try (Database db = RunnerFixture.open(name)) {
            Runner runner = new Runner(db, RunOptions.defaults(), GateHandler.autoConfirm("ci"), new BatchedBackfill(),
                    new CopyOnWriteArrayList<>()::add);
            Path bad = RunnerFixture.write(dir, "bad-delete.plan.yaml", plan.formatted("statuss = 'draft'"));
            RunException e = assertThrows(RunException.class, () -> runner.start(bad, new RunControl()));
            assertEquals(RunException.Reason.PLAN_INVALID, e.reason());
            assertEquals(1, e.problems().size(), e.getMessage());
            String problem = e.problems().get(0);
            assertTrue(problem.startsWith(bad + ":6: backfill step batched-delete-articles_article: WHERE \"statuss = "
                    + "'draft'\" is not valid on articles_article: column \"statuss\" does not exist"), problem);
            assertEquals("50", RunnerFixture.one(name, "SELECT count(*) FROM articles_article"), "nothing deleted");

            var schema = db.withConnection(CatalogSchema::read);
            try (BackfillPreflight backfills = new BackfillPreflight(db)) {
                Path good = RunnerFixture.write(dir, "good-delete.plan.yaml", plan.formatted("status = 'draft'"));
                assertEquals(List.of(), Preflight.check(PlanFiles.read(good), good.toString(),
                        PlanLocations.of(Files.readString(good, StandardCharsets.UTF_8)), schema, backfills));
            }
        }
    }

    @Test
    void aColumnAddedByAnEarlierStepIsKnownAndTheSamplePlansPass() throws Exception {
        String name = RunnerFixture.database("run_preflight_ok", true, 50);
        try (Database db = RunnerFixture.open(name)) {
            var schema = db.withConnection(CatalogSchema::read);
            try (BackfillPreflight backfills = new BackfillPreflight(db)) {
                for (String sample : List.of("add-article-summary.plan.yaml", "comment-id-bigint.plan.yaml",
                        "task-export-expires-at.plan.yaml", "rename-article-slug.plan.yaml")) {
                    Path file = RunnerFixture.SAMPLES.resolve(sample);
                    List<String> problems = Preflight.check(PlanFiles.read(file), file.toString(),
                            PlanLocations.of(Files.readString(file, StandardCharsets.UTF_8)), schema, backfills);
                    assertEquals(List.of(), problems, sample);
                }
            }
        }
    }
}
