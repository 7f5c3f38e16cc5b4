package dev.phasewise.run;

import dev.phasewise.analysis.schema.SchemaModel;
import dev.phasewise.db.Database;
import dev.phasewise.db.ServerInfo;
import dev.phasewise.db.StagingGuard;
import dev.phasewise.db.catalog.CatalogSchema;
import dev.phasewise.plan.sql.Action;
import dev.phasewise.plan.Gate;
import dev.phasewise.plan.Phase;
import dev.phasewise.plan.Plan;
import dev.phasewise.plan.PlanException;
import dev.phasewise.plan.PlanFiles;
import dev.phasewise.plan.steps.Step;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Runs a plan on a staging database: phases in order, each action with the plan's lock_timeout and
 * statement_timeout, transient failures retried with back-off, every step verified, deploy gates
 * confirmed, state kept in schema {@code phasewise} of the same database so that any machine can resume.
 * See docs/runner.md.
 *
 * <p>This class is the orchestration: which steps run in which order, skips, gates, resume, the run's
 * record and events. The attempts of one action (timeouts, retries, back-off, what a failure means) are
 * {@link ActionAttempts}'s, a step's verification {@link StepVerification}'s, the run's sessions and lock
 * {@link Execution}'s.
 *
 * <p>Threads: the calling thread is the runner's thread; it emits every event. Each statement executes on
 * a worker thread while the runner's thread watches it ({@link WatchedStatement}: who blocks it, cancel-blockers).
 */
public final class Runner {
    private final Database db;
    private final RunOptions options;
    private final GateHandler gates;
    private final Consumer<RunEvent> listener;
    private final RunStore store;
    private final Random random = new Random();
    private final StepVerification verification;
    private final ActionAttempts attempts;

    public Runner(Database db, RunOptions options, GateHandler gates, BackfillRunner backfill,
                  Consumer<RunEvent> listener) {
        this.db = db;
        this.options = options;
        this.gates = gates;
        this.listener = listener;
        this.store = new RunStore(db, options.reconnectPatience());
        this.verification = new StepVerification(store, options, random, this::emit);
        this.attempts = new ActionAttempts(db, store, options, random, backfill, this::emit);
    }

    public RunStore store() {
        return store;
    }

    /** Reads the plan file and starts a run of it. */
    public RunResult start(Path planFile, RunControl control) {
        Plan plan;
        try {
            plan = PlanFiles.read(planFile);
        } catch (PlanException e) {
            throw new RunException(RunException.Reason.PLAN_INVALID, e.problems());
        }
        return start(plan, planFile, control);
    }

    /**
     * Starts a new run of {@code plan} ({@code file}: where it was read from, for messages and the run record;
     * may be null). Throws {@link RunException} before anything is written when the database is not staging
     * or the pre-flight finds problems.
     */
    public RunResult start(Plan plan, Path file, RunControl control) {
        return start(plan, file, null, control);
    }

    /**
     * Starts a run of one step of {@code plan} alone, with its verification (a rehearsal of that step): the
     * run records only that step's actions, and asks no deploy gate (there is nothing on the other side of
     * one). The whole plan still passes the pre-flight, and the run can be resumed like any other.
     */
    public RunResult startStep(Plan plan, Path file, String stepId, RunControl control) {
        if (plan.steps().stream().noneMatch(p -> p.step().id().equals(stepId))) {
            throw new RunException(RunException.Reason.PLAN_INVALID, List.of("no step " + stepId + " in plan "
                    + plan.name()));
        }
        return start(plan, file, stepId, control);
    }

    /** {@code onlyStep}: null for the whole plan, else the one step this run is about. */
    private RunResult start(Plan plan, Path file, String onlyStep, RunControl control) {
        requireStaging();
        PlanLocations where = PlanLocations.none();
        if (file != null) {
            try {
                where = PlanLocations.of(Files.readString(file, StandardCharsets.UTF_8));
            } catch (IOException ignored) {
                // messages will have no line numbers
            }
        }
        SchemaModel schema = db.withConnection(CatalogSchema::read);
        List<String> problems;
        try (BackfillPreflight backfills = new BackfillPreflight(db)) {
            problems = Preflight.check(plan, file == null ? null : file.toString(), where, schema, backfills);
        }
        if (!problems.isEmpty()) {
            throw new RunException(RunException.Reason.PLAN_INVALID, problems);
        }
        store.ensureSchema();
        String runId = UUID.randomUUID().toString();
        List<ActionRecord> rows = new ArrayList<>();
        int seq = 0;
        for (Plan.Placed placed : plan.steps()) {
            if (onlyStep != null && !onlyStep.equals(placed.step().id())) {
                continue;
            }
            for (Action a : placed.step().forward()) {
                rows.add(new ActionRecord(++seq, placed.phase(), placed.step().id(), a.id(), a.sql(), a.transactional(),
                        StepStatus.PENDING, 0, null, null, null, null, null, null));
            }
        }
        RunRecord record = RunRecord.startingHere(runId, plan.name(), PlanFingerprint.of(plan),
                file == null ? null : file.toAbsolutePath().toString());
        // created once the run's lock is held, so that it is never seen running without a runner (interrupted)
        return execute(plan, runId, file, false, control, () -> store.createRun(record, rows));
    }

    /**
     * Resumes a run: the plan must be the one it started with (same {@link PlanFingerprint}); done steps are
     * skipped, the step that was running is verified and, if not done, retried; gates confirmed before are not
     * asked again.
     */
    public RunResult resume(String runId, Plan plan, Path file, RunControl control) {
        requireStaging();
        RunRecord run = store.run(runId).orElseThrow(() -> new RunException(RunException.Reason.UNKNOWN_RUN,
                "no run " + runId + " in database \"" + db.serverInfo().database() + "\" (see 'phasewise runs')"));
        if (run.status() == RunStatus.SUCCEEDED) {
            throw new RunException(RunException.Reason.NOT_RESUMABLE, "run " + runId + " already succeeded; "
                    + "nothing to resume");
        }
        String hash = PlanFingerprint.of(plan);
        if (!hash.equals(run.planHash())) {
            throw new RunException(RunException.Reason.PLAN_CHANGED, "the plan changed since run " + runId
                    + " started (" + (file == null ? plan.name() : file) + " now has fingerprint "
                    + hash.substring(0, 12) + ", the run was started with " + run.planHash().substring(0, 12)
                    + "): resume only with the plan the run started with, or start a new run of the changed plan");
        }
        return execute(plan, runId, file, true, control, () -> { });
    }

    private void requireStaging() {
        ServerInfo info = db.refreshServerInfo();
        StagingGuard.Decision d = StagingGuard.decide(info, db.settings(), options.profileSaysStaging(),
                options.typedConfirmation());
        if (!d.writable()) {
            throw new RunException(RunException.Reason.REFUSED, "refusing to run: " + d.reason());
        }
    }

    // ---------------------------------------------------------------- the run

    /** Which backfill progress goes into the event log (listeners get all of it). */
    private final ProgressLog progressLog = new ProgressLog();

    private void emit(RunEvent e) {
        if (progressLog.keep(e)) {
            store.event(e);
        }
        listener.accept(e);
    }

    /** {@code create}: writes the run's rows when it is new, once its lock is held. */
    private RunResult execute(Plan plan, String runId, Path file, boolean resumed, RunControl control,
                              Runnable create) {
        Instant start = Instant.now();
        try (Execution x = new Execution(db, options.reconnectPatience(), plan, runId, control)) {
            x.takeLock();
            x.keepLock();
            create.run();
            store.runStatus(runId, RunStatus.RUNNING, null, false);
            List<ActionRecord> rows = store.actions(runId);
            emit(new RunEvent.RunStarted(runId, Instant.now(), plan.name(), file == null ? null : file.toString(),
                    db.serverInfo().database(), resumed, plan.steps().size(), rows.size()));
            RunStatus status = RunStatus.SUCCEEDED;
            String message = null;
            try {
                Map<Phase, Set<String>> confirmed = store.confirmedGateItems(runId);
                boolean wholePlan = wholePlan(plan, rows);
                for (Phase phase : Phase.inOrder()) {
                    for (Step step : plan.phase(phase).steps()) {
                        List<ActionRecord> mine = rows.stream().filter(r -> r.stepId().equals(step.id())).toList();
                        if (!wholePlan && mine.isEmpty()) {
                            continue; // a run of some steps only (startStep): this one is not part of it
                        }
                        runStep(x, phase, step, mine);
                    }
                    Gate gate = plan.phase(phase).gate();
                    if (gate != null && wholePlan) {
                        gate(x, phase, gate, confirmed.getOrDefault(phase, Set.of()));
                    }
                }
            } catch (RunStop s) {
                status = s.status;
                message = s.getMessage();
            }
            store.runStatus(runId, status, message, status != RunStatus.WAITING_AT_GATE);
            emit(new RunEvent.RunFinished(runId, Instant.now(), status, Duration.between(start, Instant.now()),
                    message));
            return new RunResult(runId, status, message, store.actions(runId));
        }
    }

    /**
     * Whether the run covers every step of the plan that has actions (a run started with {@link #start}), as
     * opposed to one step alone ({@link #startStep}). Told by the run's own rows, so a resume knows it too.
     */
    private static boolean wholePlan(Plan plan, List<ActionRecord> rows) {
        Set<String> recorded = new HashSet<>();
        rows.forEach(r -> recorded.add(r.stepId()));
        return plan.steps().stream().filter(p -> !p.step().forward().isEmpty())
                .allMatch(p -> recorded.contains(p.step().id()));
    }

    private void gate(Execution x, Phase phase, Gate gate, Set<String> already) throws RunStop {
        emit(new RunEvent.GateReached(x.runId, Instant.now(), phase, gate.name(), gate.checklist(),
                List.copyOf(already)));
        for (String item : gate.checklist()) {
            if (already.contains(item)) {
                continue;
            }
            Optional<String> by = gates.confirm(phase, gate, item);
            if (x.control.cancelled()) {
                // a handler waiting for a person returns when the run is cancelled: that is a cancel, not a "no"
                throw new RunStop(RunStatus.CANCELLED, "cancelled at gate \"" + gate.name() + "\"");
            }
            if (by.isEmpty()) {
                throw new RunStop(RunStatus.WAITING_AT_GATE, "stopped at gate \"" + gate.name() + "\": not confirmed: "
                        + item + " (resume the run when it is)");
            }
            store.confirmGate(x.runId, phase, gate.name(), item, by.get());
            emit(new RunEvent.GateConfirmed(x.runId, Instant.now(), phase, item, by.get()));
        }
    }

    private static boolean finished(ActionRecord r) {
        return r.status() == StepStatus.DONE || r.status() == StepStatus.SKIPPED;
    }

    private void runStep(Execution x, Phase phase, Step step, List<ActionRecord> rows) throws RunStop {
        boolean allFinished = rows.stream().allMatch(Runner::finished);
        boolean verifiedBefore = !rows.isEmpty() && rows.get(0).verificationResult() != null
                && !Boolean.FALSE.equals(rows.get(0).verified());
        if (allFinished && verifiedBefore) {
            return; // done in an earlier execution
        }
        RunStop.checkCancelAndPause(x.control); // a skip asked for while paused counts
        if (x.control.skipRequested(step.id())) {
            skip(x, phase, step);
            return;
        }
        Instant start = Instant.now();
        boolean started = rows.stream().anyMatch(r -> r.status() != StepStatus.PENDING || r.attempts() > 0);
        if (started && !allFinished && !step.verify().isEmpty()) {
            // the step was running when the run stopped: if its verification passes, it is done
            if (verification.quietly(x, step)) {
                store.skipUnfinished(x.runId, step.id(), "verified as done on resume; not run again");
                verification.finishVerified(x, step, start, true);
                return;
            }
        }
        Map<String, Action> byId = new LinkedHashMap<>();
        step.forward().forEach(a -> byId.put(a.id(), a));
        for (ActionRecord row : rows) {
            if (finished(row)) {
                continue;
            }
            RunStop.checkCancelAndPause(x.control);
            attempts.run(x, phase, step, byId.get(row.actionId()), row);
        }
        verification.verify(x, step, start);
    }

    /**
     * Records the step as skipped on request, not executed and not verified. The verification result is set so
     * that a resume treats the step as finished and does not run it after all.
     */
    private void skip(Execution x, Phase phase, Step step) {
        String why = "skipped by request: not executed, not verified";
        store.skipUnfinished(x.runId, step.id(), why);
        store.stepVerified(x.runId, step.id(), null, why);
        emit(new RunEvent.StepSkipped(x.runId, Instant.now(), phase, step.id(), why));
    }
}
