package dev.phasewise.run;

import dev.phasewise.db.Database;
import dev.phasewise.plan.Plan;
import dev.phasewise.plan.PlanFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Runs on a real PostgreSQL 17: the sample plans end to end, crash and resume, refusals, a failed unique index. */
class RunnerIT {
    @TempDir
    Path dir;

    static Stream<Path> samples() throws Exception {
        return Files.list(RunnerFixture.SAMPLES).filter(p -> p.toString().endsWith(".plan.yaml")).sorted();
    }

    private static Runner runner(Database db, GateHandler gates, List<RunEvent> events) {
        return new Runner(db, RunOptions.defaults(), gates, new SingleStatementBackfill(), events::add);
    }

    @ParameterizedTest
    @MethodSource("samples")
    void eachSamplePlanRunsEndToEnd(Path file) throws Exception {
        String name = "run_" + file.getFileName().toString().replace(".plan.yaml", "").replace('-', '_');
        RunnerFixture.database(name, true, 300);
        Plan plan = PlanFiles.read(file);
        List<RunEvent> events = new CopyOnWriteArrayList<>();
        try (Database db = RunnerFixture.open(name)) {
            RunResult r = runner(db, GateHandler.autoConfirm("ci"), events).start(plan, file, new RunControl());
            assertEquals(RunStatus.SUCCEEDED, r.status(), file + ": " + r.message());
            assertTrue(r.actions().stream().allMatch(a -> a.status() == StepStatus.DONE), r.actions().toString());
            for (ActionRecord a : r.actions()) {
                assertNotNull(a.verificationResult(), a.toString());
                if (a.verified() == null) {
                    assertEquals("no verification query", a.verificationResult());
                } else {
                    assertTrue(a.verified(), a.toString());
                }
            }
            long items = Stream.of(dev.phasewise.plan.Phase.values()).map(plan::phase)
                    .filter(p -> p.gate() != null).mapToLong(p -> p.gate().checklist().size()).sum();
            assertEquals(Long.toString(items), RunnerFixture.one(name, "SELECT count(*) FROM phasewise.run_gates"
                    + " WHERE confirmed_by LIKE 'auto (--confirm-gates)%'"));
            assertEquals("succeeded", RunnerFixture.one(name, "SELECT status FROM phasewise.runs WHERE run_id = '"
                    + r.runId() + "'"));
            assertEquals(plan.steps().size(), events.stream().filter(e -> e instanceof RunEvent.StepFinished).count());
            assertTrue(events.get(events.size() - 1) instanceof RunEvent.RunFinished);
            assertTrue(Integer.parseInt(RunnerFixture.one(name, "SELECT count(*) FROM phasewise.run_events WHERE run_id = '"
                    + r.runId() + "'")) >= events.size() - 5, "events are logged");
            assertEquals("0", RunnerFixture.one(name, "SELECT count(*) FROM pg_index WHERE NOT indisvalid"));
        }
    }

    @Test
    void aBackfillPacedByItsWriteImpactReportsItsPacingInTheRunsEvents() throws Exception {
        String name = RunnerFixture.database("run_impact", true, 300);
        Path file = RunnerFixture.write(dir, "impact.plan.yaml", """
                version: 1
                name: Paced by impact
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
                        set: summary = left(body, 300)
                        where: summary IS NULL
                        max_write_impact: 2
                """);
        List<RunEvent> events = new CopyOnWriteArrayList<>();
        try (Database db = RunnerFixture.open(name)) {
            RunResult r = new Runner(db, RunOptions.defaults(), GateHandler.autoConfirm("ci"), new BatchedBackfill(1),
                    events::add).start(PlanFiles.read(file), file, new RunControl());
            assertEquals(RunStatus.SUCCEEDED, r.status(), r.message());
        }
        List<RunEvent.BackfillNote> notes = events.stream().filter(e -> e instanceof RunEvent.BackfillNote)
                .map(e -> (RunEvent.BackfillNote) e).toList();
        assertTrue(notes.stream().anyMatch(n -> n.note().equals("pacing") && n.kind().equals("backfill-note") && n.stepId().equals("backfill-articles_article")
                && n.message().startsWith("write probe before the backfill: p99 ")), notes.toString());
        assertEquals("0", RunnerFixture.one(name, "SELECT count(*) FROM articles_article WHERE summary IS NULL"));
        assertTrue(Integer.parseInt(RunnerFixture.one(name, "SELECT count(*) FROM phasewise.run_events "
                + "WHERE payload::text LIKE '%write probe before the backfill%'")) >= 1, "the note is in the run's log");
    }

    @Test
    void aCrashedRunResumesWithoutRedoingDoneSteps() throws Exception {
        String name = RunnerFixture.database("run_crash", true, 300);
        Path file = RunnerFixture.SAMPLES.resolve("add-article-summary.plan.yaml");
        Plan plan = PlanFiles.read(file);
        List<RunEvent> first = new CopyOnWriteArrayList<>();
        String runId;
        try (Database db = RunnerFixture.open(name)) {
            Runner crashing = new Runner(db, RunOptions.defaults(), GateHandler.autoConfirm("ci"),
                    new SingleStatementBackfill(), e -> {
                first.add(e);
                if (e instanceof RunEvent.StepStarted s && s.actionId().endsWith("/set-not-null")) {
                    throw new IllegalStateException("simulated crash");
                }
            });
            assertThrows(IllegalStateException.class, () -> crashing.start(plan, file, new RunControl()));
            runId = first.get(0).runId();
        }
        assertEquals("running", RunnerFixture.one(name, "SELECT status FROM phasewise.run_steps WHERE action_id LIKE"
                + " '%/set-not-null'"));
        List<RunEvent> second = new CopyOnWriteArrayList<>();
        AtomicInteger asked = new AtomicInteger();
        try (Database db = RunnerFixture.open(name)) { // another "machine": a new process would do the same
            RunResult r = new Runner(db, RunOptions.defaults(), (p, g, i) -> {
                asked.incrementAndGet();
                return java.util.Optional.of("me");
            }, new SingleStatementBackfill(), second::add).resume(runId, plan, file, new RunControl());
            assertEquals(RunStatus.SUCCEEDED, r.status(), r.message());
            assertEquals(0, asked.get(), "gates confirmed before the crash are not asked again");
            List<String> restarted = second.stream().filter(e -> e instanceof RunEvent.StepStarted)
                    .map(e -> ((RunEvent.StepStarted) e).actionId()).toList();
            assertEquals(List.of("set-not-null-articles_article-summary/set-not-null",
                    "set-not-null-articles_article-summary/drop-check"), restarted);
            for (ActionRecord a : r.actions()) {
                int expected = a.actionId().endsWith("/set-not-null") ? 2 : 1;
                assertEquals(expected, a.attempts(), a.toString());
            }
            assertEquals("t", RunnerFixture.one(name, "SELECT attnotnull FROM pg_attribute WHERE attrelid ="
                    + " 'articles_article'::regclass AND attname = 'summary'"));
        }
    }

    @Test
    void aFailedUniqueIndexIsReportedAndDropped() throws Exception {
        String name = RunnerFixture.database("run_unique", true, 200);
        Path file = RunnerFixture.write(dir, "unique.plan.yaml", """
                version: 1
                name: unique author
                lock_timeout: 2s
                phases:
                  expand:
                    steps:
                      - kind: create-index
                        table: articles_article
                        name: articles_article_author_uniq
                        columns: [author_id]
                        unique: true
                """);
        List<RunEvent> events = new CopyOnWriteArrayList<>();
        try (Database db = RunnerFixture.open(name)) {
            RunResult r = runner(db, GateHandler.autoConfirm("ci"), events).start(file, new RunControl());
            assertEquals(RunStatus.FAILED, r.status());
            assertTrue(r.message().contains("create-index-articles_article_author_uniq"), r.message());
            assertTrue(r.message().contains("could not create unique index"), r.message());
            assertTrue(r.message().contains("CREATE UNIQUE INDEX CONCURRENTLY"), r.message());
            RunEvent.InvalidIndexCleaned cleaned = events.stream().filter(e -> e instanceof RunEvent.InvalidIndexCleaned)
                    .map(e -> (RunEvent.InvalidIndexCleaned) e).findFirst().orElseThrow();
            assertTrue(cleaned.cause().contains("could not create unique index"), cleaned.cause());
            assertEquals(1, events.stream().filter(e -> e instanceof RunEvent.StepStarted).count(),
                    "a duplicate key is not retried");
            assertEquals("0", RunnerFixture.one(name, "SELECT count(*) FROM pg_index WHERE NOT indisvalid"));
            assertNull(RunnerFixture.one(name, "SELECT to_regclass('articles_article_author_uniq')"));
            assertEquals("failed", RunnerFixture.one(name, "SELECT status FROM phasewise.runs"));
            assertTrue(RunnerFixture.one(name, "SELECT error FROM phasewise.run_steps WHERE action_id LIKE '%/create'")
                    .contains("could not create"));
        }
    }

    @Test
    void aDatabaseNotMarkedStagingIsRefusedBeforeAnyWrite() throws Exception {
        String name = RunnerFixture.database("run_not_staging", false, 10);
        Path file = RunnerFixture.SAMPLES.resolve("add-article-summary.plan.yaml");
        try (Database db = RunnerFixture.open(name)) {
            RunException e = assertThrows(RunException.class,
                    () -> runner(db, GateHandler.autoConfirm("ci"), new CopyOnWriteArrayList<>()).start(file,
                            new RunControl()));
            assertEquals(RunException.Reason.REFUSED, e.reason());
            assertTrue(e.getMessage().contains("not marked as staging"), e.getMessage());
        }
        assertNull(RunnerFixture.one(name, "SELECT to_regnamespace('phasewise')"));
        assertEquals("0", RunnerFixture.one(name, "SELECT count(*) FROM pg_attribute WHERE attname = 'summary'"));
    }

    @Test
    void resumeRefusesAChangedPlanAndGoesOnWithTheSameOne() throws Exception {
        String name = RunnerFixture.database("run_changed", true, 50);
        Path file = RunnerFixture.SAMPLES.resolve("add-article-summary.plan.yaml");
        Plan plan = PlanFiles.read(file);
        String runId;
        try (Database db = RunnerFixture.open(name)) {
            RunResult r = runner(db, GateHandler.decline(), new CopyOnWriteArrayList<>()).start(plan, file,
                    new RunControl());
            assertEquals(RunStatus.WAITING_AT_GATE, r.status());
            assertTrue(r.message().contains("Deploy 1"), r.message());
            runId = r.runId();
        }
        String changedText = Files.readString(file).replace("left(body, 300)", "left(body, 200)");
        Path changed = RunnerFixture.write(dir, "changed.plan.yaml", changedText);
        try (Database db = RunnerFixture.open(name)) {
            RunException e = assertThrows(RunException.class, () -> runner(db, GateHandler.autoConfirm("ci"),
                    new CopyOnWriteArrayList<>()).resume(runId, PlanFiles.read(changed), changed, new RunControl()));
            assertEquals(RunException.Reason.PLAN_CHANGED, e.reason());
            assertTrue(e.getMessage().contains("the plan changed since run " + runId), e.getMessage());
            RunResult r = runner(db, GateHandler.autoConfirm("ci"), new CopyOnWriteArrayList<>()).resume(runId, plan,
                    file, new RunControl());
            assertEquals(RunStatus.SUCCEEDED, r.status(), r.message());
            assertEquals(1, r.actions().get(0).attempts(), "the expand step was not run again");
        }
    }

    @Test
    void badPlansFailBeforeAnyWriteNamingFileLineAndStep() throws Exception {
        String name = RunnerFixture.database("run_bad_plans", true, 10);
        Path missingTable = RunnerFixture.write(dir, "missing.plan.yaml", """
                version: 1
                name: missing table
                phases:
                  expand:
                    steps:
                      - kind: add-column
                        table: articles_article
                        column: teaser
                        type: text
                      - kind: create-index
                        table: no_such_table
                        name: no_such_idx
                        columns: [id]
                  backfill:
                    steps:
                      - kind: backfill
                        table: articles_article
                        key: no_such_key
                        set: teaser = title
                """);
        Path badSql = RunnerFixture.write(dir, "badsql.plan.yaml", """
                version: 1
                name: bad sql
                phases:
                  expand:
                    steps:
                      - kind: raw-sql
                        id: broken
                        sql: ALTER TABLE articles_article ADD COLUMN
                """);
        Path unknownKind = RunnerFixture.write(dir, "unknown.plan.yaml", """
                version: 1
                name: unknown kind
                phases:
                  expand:
                    steps:
                      - kind: add-colum
                        table: articles_article
                """);
        try (Database db = RunnerFixture.open(name)) {
            Runner runner = runner(db, GateHandler.autoConfirm("ci"), new CopyOnWriteArrayList<>());
            RunException e = assertThrows(RunException.class, () -> runner.start(missingTable, new RunControl()));
            assertEquals(RunException.Reason.PLAN_INVALID, e.reason());
            assertEquals(2, e.problems().size(), e.getMessage());
            assertTrue(e.problems().get(0).startsWith(missingTable + ":10: expand step create-index-no_such_idx: table"
                    + " no_such_table does not exist"), e.getMessage());
            assertTrue(e.problems().get(1).startsWith(missingTable + ":16: backfill step backfill-articles_article:"
                    + " column articles_article.no_such_key does not exist"), e.getMessage());

            e = assertThrows(RunException.class, () -> runner.start(badSql, new RunControl()));
            assertEquals(RunException.Reason.PLAN_INVALID, e.reason());
            assertTrue(e.getMessage().startsWith(badSql + ":6: expand step broken: action broken/sql-1: the SQL does"
                    + " not parse"), e.getMessage());

            e = assertThrows(RunException.class, () -> runner.start(unknownKind, new RunControl()));
            assertEquals(RunException.Reason.PLAN_INVALID, e.reason());
            assertTrue(e.getMessage().startsWith(unknownKind + ":6:"), e.getMessage());
            assertTrue(e.getMessage().contains("unknown step kind 'add-colum'"), e.getMessage());
        }
        assertNull(RunnerFixture.one(name, "SELECT to_regnamespace('phasewise')"));
    }

    @Test
    void cancelStopsTheRunningStatementAndRecordsIt() throws Exception {
        String name = RunnerFixture.database("run_cancel", true, 10);
        Path file = RunnerFixture.write(dir, "slow.plan.yaml", """
                version: 1
                name: slow
                phases:
                  expand:
                    steps:
                      - kind: raw-sql
                        id: slow
                        sql: SELECT pg_sleep(30)
                        verify_sql: SELECT true
                """);
        RunControl control = new RunControl();
        List<RunEvent> events = new CopyOnWriteArrayList<>();
        try (Database db = RunnerFixture.open(name)) {
            Runner runner = new Runner(db, RunOptions.defaults(), GateHandler.autoConfirm("ci"),
                    new SingleStatementBackfill(), e -> {
                events.add(e);
                if (e instanceof RunEvent.StepStarted) {
                    new Thread(() -> {
                        RunStore.sleep(500);
                        control.cancel();
                    }).start();
                }
            });
            long t0 = System.nanoTime();
            RunResult r = runner.start(file, control);
            assertTrue(System.nanoTime() - t0 < 15_000_000_000L, "cancelled, not waited out");
            assertEquals(RunStatus.CANCELLED, r.status());
            assertTrue(events.stream().anyMatch(e -> e instanceof RunEvent.StepFailed f && f.cancelled()));
            assertEquals("pending", RunnerFixture.one(name, "SELECT status FROM phasewise.run_steps"));
            assertEquals("cancelled by request", RunnerFixture.one(name, "SELECT error FROM phasewise.run_steps"));
        }
    }

    @Test
    void pauseHoldsTheRunBetweenActionsUntilResumed() throws Exception {
        String name = RunnerFixture.database("run_pause", true, 10);
        Path file = RunnerFixture.SAMPLES.resolve("task-export-expires-at.plan.yaml");
        RunControl control = new RunControl();
        List<RunEvent> events = new CopyOnWriteArrayList<>();
        try (Database db = RunnerFixture.open(name)) {
            Runner runner = new Runner(db, RunOptions.defaults(), GateHandler.autoConfirm("ci"),
                    new SingleStatementBackfill(), e -> {
                events.add(e);
                if (e instanceof RunEvent.StepFinished f && f.stepId().startsWith("add-column")) {
                    control.pause();
                }
            });
            var run = java.util.concurrent.CompletableFuture.supplyAsync(() -> runner.start(file, control));
            long deadline = System.nanoTime() + 30_000_000_000L;
            while (events.stream().noneMatch(e -> e instanceof RunEvent.StepFinished) && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            Thread.sleep(1000);
            long started = events.stream().filter(e -> e instanceof RunEvent.StepStarted).count();
            assertEquals(1, started, "nothing starts while paused: " + events);
            assertTrue(!run.isDone());
            control.resume();
            RunResult r = run.get(60, java.util.concurrent.TimeUnit.SECONDS);
            assertEquals(RunStatus.SUCCEEDED, r.status(), r.message());
        }
    }
}
