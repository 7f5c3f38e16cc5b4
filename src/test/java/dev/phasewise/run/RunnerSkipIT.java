package dev.phasewise.run;

import dev.phasewise.db.Database;
import dev.phasewise.plan.Plan;
import dev.phasewise.plan.PlanFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Skipping steps, running one step alone, and cancelling a run that waits at a gate, on PostgreSQL 17.
 * Each step creates a table, so the database itself says what ran.
 */
class RunnerSkipIT {
    @TempDir
    Path dir;

    private static final String PLAN = """
            version: 1
            name: three tables
            phases:
              expand:
                steps:
                  - kind: raw-sql
                    id: make-one
                    sql: CREATE TABLE skip_one (id int)
                    verify_sql: SELECT to_regclass('skip_one') IS NOT NULL
                  - kind: raw-sql
                    id: make-two
                    sql: CREATE TABLE skip_two (id int)
                    verify_sql: SELECT to_regclass('skip_two') IS NOT NULL
                gate:
                  name: deploy
                  checklist:
                    - the release is live
              contract:
                steps:
                  - kind: raw-sql
                    id: make-three
                    sql: CREATE TABLE skip_three (id int)
                    verify_sql: SELECT to_regclass('skip_three') IS NOT NULL
            """;

    private Path plan() throws Exception {
        return RunnerFixture.write(dir, "three.plan.yaml", PLAN);
    }

    private static Runner runner(Database db, GateHandler gates, List<RunEvent> events) {
        return new Runner(db, RunOptions.defaults(), gates, new SingleStatementBackfill(), events::add);
    }

    private static boolean exists(String db, String table) throws Exception {
        return RunnerFixture.one(db, "SELECT to_regclass('" + table + "')") != null;
    }

    private static String stepStatus(String db, String runId, String step) throws Exception {
        return RunnerFixture.one(db, "SELECT string_agg(DISTINCT status, ',') FROM phasewise.run_steps WHERE run_id = '"
                + runId + "' AND step_id = '" + step + "'");
    }

    @Test
    void aStepSkippedBeforeTheRunIsRecordedAndNotExecutedAndStaysSkippedOnResume() throws Exception {
        String name = RunnerFixture.database("run_skip_before", true, 10);
        Path file = plan();
        RunControl control = new RunControl();
        control.skip("make-two");
        List<RunEvent> events = new CopyOnWriteArrayList<>();
        String runId;
        try (Database db = RunnerFixture.open(name)) {
            RunResult r = runner(db, GateHandler.decline(), events).start(file, control);
            runId = r.runId();
            assertEquals(RunStatus.WAITING_AT_GATE, r.status(), r.message());
            assertTrue(exists(name, "skip_one"));
            assertFalse(exists(name, "skip_two"), "a skipped step is not executed");
            assertEquals("skipped", stepStatus(name, runId, "make-two"));
            assertEquals("done", stepStatus(name, runId, "make-one"));
            assertTrue(events.stream().anyMatch(e -> e instanceof RunEvent.StepSkipped k && k.stepId().equals("make-two")));
            assertTrue(events.stream().noneMatch(e -> e instanceof RunEvent.StepStarted s && s.stepId().equals("make-two")));

            // resumed without the skip request: the step stays skipped (the run store says so)
            List<RunEvent> resumed = new CopyOnWriteArrayList<>();
            RunResult again = runner(db, GateHandler.autoConfirm("ci"), resumed).resume(runId,
                    PlanFiles.read(file), file, new RunControl());
            assertEquals(RunStatus.SUCCEEDED, again.status(), again.message());
            assertFalse(exists(name, "skip_two"));
            assertTrue(exists(name, "skip_three"));
            assertEquals("skipped", stepStatus(name, runId, "make-two"));
            assertTrue(resumed.stream().noneMatch(e -> e instanceof RunEvent.StepStarted s && s.stepId().equals("make-two")));
        }
    }

    @Test
    void aStepSkippedDuringTheRunIsNotExecuted() throws Exception {
        String name = RunnerFixture.database("run_skip_during", true, 10);
        RunControl control = new RunControl();
        List<RunEvent> events = new CopyOnWriteArrayList<>();
        try (Database db = RunnerFixture.open(name)) {
            Runner runner = new Runner(db, RunOptions.defaults(), GateHandler.autoConfirm("ci"),
                    new SingleStatementBackfill(), e -> {
                events.add(e);
                if (e instanceof RunEvent.StepStarted s && s.stepId().equals("make-one")) {
                    control.skip("make-three"); // asked while the first step runs
                }
            });
            RunResult r = runner.start(plan(), control);
            assertEquals(RunStatus.SUCCEEDED, r.status(), r.message());
            assertTrue(exists(name, "skip_one"));
            assertTrue(exists(name, "skip_two"));
            assertFalse(exists(name, "skip_three"));
            assertEquals("skipped", stepStatus(name, r.runId(), "make-three"));
            assertEquals("1", RunnerFixture.one(name, "SELECT count(*) FROM phasewise.run_gates"), "the gate was asked");
        }
    }

    @Test
    void oneStepRunsAloneWithItsVerificationAndNoGate() throws Exception {
        String name = RunnerFixture.database("run_one_step", true, 10);
        Path file = plan();
        Plan plan = PlanFiles.read(file);
        AtomicInteger asked = new AtomicInteger();
        List<RunEvent> events = new CopyOnWriteArrayList<>();
        try (Database db = RunnerFixture.open(name)) {
            RunResult r = runner(db, (after, gate, item) -> {
                asked.incrementAndGet();
                return java.util.Optional.empty();
            }, events).startStep(plan, file, "make-three", new RunControl());
            assertEquals(RunStatus.SUCCEEDED, r.status(), r.message());
            assertEquals(0, asked.get(), "no gate is asked for one step");
            assertTrue(exists(name, "skip_three"));
            assertFalse(exists(name, "skip_one"));
            assertFalse(exists(name, "skip_two"));
            assertEquals(List.of("make-three"), r.actions().stream().map(ActionRecord::stepId).distinct().toList());
            assertEquals(Boolean.TRUE, r.actions().get(0).verified());
            assertTrue(events.stream().anyMatch(e -> e instanceof RunEvent.StepVerified v && v.verified()
                    && v.stepId().equals("make-three")));
            assertEquals(1, events.stream().filter(e -> e instanceof RunEvent.StepFinished).count());
        }
    }

    @Test
    void cancelWhileAGateHandlerWaitsEndsTheRunAsCancelled() throws Exception {
        String name = RunnerFixture.database("run_gate_cancel", true, 10);
        RunControl control = new RunControl();
        List<RunEvent> events = new CopyOnWriteArrayList<>();
        try (Database db = RunnerFixture.open(name)) {
            // a person who never answers: the handler only returns when the run is cancelled
            GateHandler waiting = (after, gate, item) -> {
                while (!control.cancelled()) {
                    RunStore.sleep(20);
                }
                return java.util.Optional.empty();
            };
            Runner runner = runner(db, waiting, events);
            Path file = plan();
            CompletableFuture<RunResult> run = CompletableFuture.supplyAsync(() -> runner.start(file, control));
            long deadline = System.nanoTime() + 30_000_000_000L;
            while (events.stream().noneMatch(e -> e instanceof RunEvent.GateReached) && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertFalse(run.isDone(), "the run waits at the gate");
            control.cancel();
            RunResult r = run.get(10, TimeUnit.SECONDS);
            assertEquals(RunStatus.CANCELLED, r.status(), r.message());
            assertFalse(exists(name, "skip_three"));
            assertNull(RunnerFixture.one(name, "SELECT item FROM phasewise.run_gates"));
        }
    }
}
