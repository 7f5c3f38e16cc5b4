package dev.phasewise.runbook;

import dev.phasewise.analysis.cost.TableEffect;
import dev.phasewise.analysis.pg.PgVersion;
import dev.phasewise.analysis.schema.SchemaModel;
import dev.phasewise.db.Database;
import dev.phasewise.plan.Plan;
import dev.phasewise.plan.PlanAnalysis;
import dev.phasewise.plan.steps.BatchedStep;
import dev.phasewise.run.ActionRecord;
import dev.phasewise.run.RunEvent;
import dev.phasewise.run.RunRecord;
import dev.phasewise.run.RunStatus;
import dev.phasewise.run.RunStore;
import dev.phasewise.run.StepStatus;
import dev.phasewise.run.backfill.BackfillExecutor;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A {@link Rehearsal} read from a run that Phasewise recorded in the database's {@code phasewise}
 * schema: per step its status, time, attempts and lock waits from the run's actions and events;
 * per backfill its rows from the job's checkpoints, and its batches, batch p99, time running batches
 * and rate over time from the logged progress ({@link BackfillEvents}); and the rows of the plan's
 * tables on the rehearsal database, to scale timings to production. The events are read as the
 * typed {@link RunEvent}s the runner wrote ({@link RunStore#events}).
 */
public final class RunRehearsal {

    private RunRehearsal() {
    }

    public static Rehearsal read(Database db, String runId, Plan plan) throws RunbookException {
        RunStore store = new RunStore(db, Duration.ofSeconds(5));
        if (!store.exists()) {
            throw new RunbookException(List.of("database " + db.serverInfo().database()
                    + " holds no Phasewise runs (no phasewise schema)"));
        }
        RunRecord run = store.run(runId).orElseThrow(() -> new RunbookException(List.of("no run " + runId
                + " in database " + db.serverInfo().database() + " (see 'phasewise runs')")));
        if (!run.planName().equals(plan.name())) {
            throw new RunbookException(List.of("run " + runId + " rehearsed plan \"" + run.planName()
                    + "\", not \"" + plan.name() + "\""));
        }
        List<ActionRecord> actions = store.actions(runId);
        List<RunEvent> events = store.events(runId);
        Map<String, List<ActionRecord>> byStep = new LinkedHashMap<>();
        actions.forEach(a -> byStep.computeIfAbsent(a.stepId(), k -> new ArrayList<>()).add(a));
        List<StepTiming> steps = new ArrayList<>();
        BackfillExecutor backfills = new BackfillExecutor(db);
        for (Plan.Placed placed : plan.steps()) {
            List<ActionRecord> mine = byStep.get(placed.step().id());
            if (mine == null) {
                continue;
            }
            long ms = mine.stream().mapToLong(a -> a.durationMs() == null ? 0 : a.durationMs()).sum();
            int attempts = mine.stream().mapToInt(ActionRecord::attempts).max().orElse(1);
            String error = mine.stream().map(ActionRecord::error).filter(e -> e != null && !e.isBlank()).findFirst()
                    .orElse(null);
            int lockWaits = (int) events.stream().filter(e -> e instanceof RunEvent.StepRetrying r
                    && placed.step().id().equals(r.stepId()) && r.lockTimeout()).count();
            BackfillTiming backfill = null;
            if (placed.step() instanceof BatchedStep b) {
                backfill = backfillTiming(backfills, runId, b, ms, events);
            }
            String status = status(mine);
            if (status.equals("running") && run.status() == RunStatus.INTERRUPTED) {
                status = "interrupted"; // its runner is gone: nothing runs it now
            }
            steps.add(new StepTiming(placed.step().id(), status, ms, attempts, lockWaits, error, backfill));
        }
        return new Rehearsal(runId, run.startedAt().toString(),
                run.finishedAt() == null ? null : run.finishedAt().toString(), db.serverInfo().database(),
                "PostgreSQL " + db.serverInfo().version(), tableRows(db, plan), steps);
    }

    private static String status(List<ActionRecord> actions) {
        if (actions.stream().anyMatch(a -> a.status() == StepStatus.FAILED)) {
            return "failed";
        }
        if (actions.stream().allMatch(a -> a.status() == StepStatus.DONE)) {
            return "done";
        }
        if (actions.stream().allMatch(a -> a.status() == StepStatus.SKIPPED)) {
            return "skipped";
        }
        return "running";
    }

    private static BackfillTiming backfillTiming(BackfillExecutor backfills, String runId, BatchedStep step, long ms,
                                                 List<RunEvent> events) {
        long rows = backfills.status(runId + "/" + step.id()).map(BackfillExecutor.JobStatus::rowsDone).orElse(0L);
        BackfillEvents logged = BackfillEvents.of(step.id(), events);
        double perSecond = ms <= 0 ? 0 : rows * 1000.0 / ms;
        return new BackfillTiming(rows, logged.batches(), perSecond, ms, logged.retries(), logged.batchP99Ms(),
                logged.samples(), logged.runningRowsPerSecond());
    }

    /** The planner's row estimate of every existing table the plan's statements touch, on the rehearsal database. */
    private static Map<String, Long> tableRows(Database db, Plan plan) {
        Set<String> tables = new TreeSet<>();
        PlanAnalysis.analyze(plan, new SchemaModel(), new PgVersion(Math.min(18, db.serverInfo().major())))
                .values().forEach(results -> results.forEach(r -> r.tables().stream()
                        .filter(TableEffect::preexisting)
                        .forEach(t -> tables.add(t.name()))));
        Map<String, Long> out = new TreeMap<>();
        for (String table : tables) {
            Long rows = db.withConnection(c -> {
                try (var ps = c.prepareStatement(
                        "SELECT CASE WHEN reltuples < 0 THEN NULL ELSE reltuples::bigint END FROM pg_class"
                                + " WHERE oid = to_regclass(?)")) {
                    ps.setString(1, table);
                    try (var rs = ps.executeQuery()) {
                        return rs.next() ? (Long) rs.getObject(1) : null;
                    }
                }
            });
            if (rows != null) {
                out.put(table, rows);
            }
        }
        return out;
    }
}
