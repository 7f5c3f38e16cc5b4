package dev.phasewise.run;

import dev.phasewise.analysis.PhasewiseVersion;
import dev.phasewise.analysis.schema.SchemaModel;
import dev.phasewise.db.Database;
import dev.phasewise.db.DatabaseException;
import dev.phasewise.db.ServerInfo;
import dev.phasewise.db.StagingGuard;
import dev.phasewise.db.catalog.CatalogSchema;
import dev.phasewise.plan.sql.Action;
import dev.phasewise.plan.Gate;
import dev.phasewise.plan.Phase;
import dev.phasewise.plan.Plan;
import dev.phasewise.plan.PlanException;
import dev.phasewise.plan.PlanFiles;
import dev.phasewise.plan.sql.Sql;
import dev.phasewise.plan.steps.Backfill;
import dev.phasewise.plan.steps.Step;
import dev.phasewise.run.retry.SqlFailureClass;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
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
 * <p>Threads: the calling thread is the runner's thread; it emits every event. Each statement executes on
 * a worker thread while the runner's thread watches it ({@link WatchedStatement}: who blocks it, cancel-blockers).
 */
public final class Runner {
    private final Database db;
    private final RunOptions options;
    private final GateHandler gates;
    private final BackfillRunner backfill;
    private final Consumer<RunEvent> listener;
    private final RunStore store;
    private final Random random = new Random();

    public Runner(Database db, RunOptions options, GateHandler gates, BackfillRunner backfill,
                  Consumer<RunEvent> listener) {
        this.db = db;
        this.options = options;
        this.gates = gates;
        this.backfill = backfill;
        this.listener = listener;
        this.store = new RunStore(db, options.reconnectPatience());
        this.verification = new StepVerification(store, options, random, this::emit);
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
        RunRecord record = new RunRecord(runId, plan.name(), PlanFingerprint.of(plan),
                file == null ? null : file.toAbsolutePath().toString(), null, null, RunStatus.RUNNING, host(),
                System.getProperty("user.name"), PhasewiseVersion.get(), null);
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
    private final StepVerification verification;

    private void emit(RunEvent e) {
        if (progressLog.keep(e)) {
            store.event(e);
        }
        listener.accept(e);
    }

    /** Ends the run here, with this status; thrown through the step and action methods. */
    static final class Stop extends Exception {
        final RunStatus status;

        Stop(RunStatus status, String message) {
            super(message, null, false, false);
            this.status = status;
        }
    }

    /** {@code create}: writes the run's rows when it is new, once its lock is held. */
    private RunResult execute(Plan plan, String runId, Path file, boolean resumed, RunControl control,
                              Runnable create) {
        Instant start = Instant.now();
        try (Execution x = new Execution(db, options.reconnectPatience(), plan, runId, control)) {
            x.lock = db.newSession();
            try (Statement st = x.lock.createStatement()) {
                if (!RunLock.tryAcquire(x.lock, runId)) {
                    throw new RunException(RunException.Reason.BUSY, "run " + runId + " is being run by another "
                            + "session right now (it holds the run's advisory lock)");
                }
                // a runner that died (killed, machine lost) may leave its last statement running on the server
                // until the server notices; running the action again meanwhile would race it
                List<Integer> zombies = new ArrayList<>();
                try (ResultSet z = st.executeQuery("SELECT pid FROM pg_stat_activity WHERE application_name = "
                        + Sql.literal(applicationName(runId)) + " AND state <> 'idle' ORDER BY pid")) {
                    while (z.next()) {
                        zombies.add(z.getInt(1));
                    }
                }
                if (!zombies.isEmpty()) {
                    throw new RunException(RunException.Reason.BUSY, "a statement of run " + runId + " from an"
                            + " earlier runner is still executing (pid " + zombies + "); wait for it to end, or cancel"
                            + " it with SELECT pg_cancel_backend(pid), then resume");
                }
            } catch (SQLException e) {
                throw db.translate(e);
            }
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
            } catch (Stop s) {
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

    private void gate(Execution x, Phase phase, Gate gate, Set<String> already) throws Stop {
        emit(new RunEvent.GateReached(x.runId, Instant.now(), phase, gate.name(), gate.checklist(),
                List.copyOf(already)));
        for (String item : gate.checklist()) {
            if (already.contains(item)) {
                continue;
            }
            Optional<String> by = gates.confirm(phase, gate, item);
            if (x.control.cancelled()) {
                // a handler waiting for a person returns when the run is cancelled: that is a cancel, not a "no"
                throw new Stop(RunStatus.CANCELLED, "cancelled at gate \"" + gate.name() + "\"");
            }
            if (by.isEmpty()) {
                throw new Stop(RunStatus.WAITING_AT_GATE, "stopped at gate \"" + gate.name() + "\": not confirmed: "
                        + item + " (resume the run when it is)");
            }
            store.confirmGate(x.runId, phase, gate.name(), item, by.get());
            emit(new RunEvent.GateConfirmed(x.runId, Instant.now(), phase, item, by.get()));
        }
    }

    private static boolean finished(ActionRecord r) {
        return r.status() == StepStatus.DONE || r.status() == StepStatus.SKIPPED;
    }

    private void runStep(Execution x, Phase phase, Step step, List<ActionRecord> rows) throws Stop {
        boolean allFinished = rows.stream().allMatch(Runner::finished);
        boolean verifiedBefore = !rows.isEmpty() && rows.get(0).verificationResult() != null
                && !Boolean.FALSE.equals(rows.get(0).verified());
        if (allFinished && verifiedBefore) {
            return; // done in an earlier execution
        }
        checkCancelAndPause(x); // a skip asked for while paused counts
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
            checkCancelAndPause(x);
            Action action = byId.get(row.actionId());
            if (step instanceof Backfill b) {
                runBackfill(x, phase, b, row);
            } else {
                runAction(x, phase, step, action, row);
            }
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

    private void checkCancelAndPause(Execution x) throws Stop {
        try {
            x.control.awaitUnpaused();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Stop(RunStatus.CANCELLED, "interrupted");
        }
        if (x.control.cancelled()) {
            throw new Stop(RunStatus.CANCELLED, "cancelled before the next action");
        }
    }

    // ---------------------------------------------------------------- one action

    private void runAction(Execution x, Phase phase, Step step, Action action, ActionRecord row) throws Stop {
        int attempt = row.attempts();
        int tries = 0;
        String index = InvalidIndexes.concurrentIndex(action);
        while (true) {
            checkCancelAndPause(x);
            attempt++;
            tries++;
            Connection work;
            try {
                work = x.work();
            } catch (DatabaseException e) {
                fail(x, step, action, row, null, "cannot reconnect within " + options.reconnectPatience().toSeconds()
                        + " s: " + e.getMessage(), false);
                return;
            }
            if (index != null) {
                cleanInvalidIndex(x, step, action, index, "left by an earlier attempt");
            }
            store.actionRunning(x.runId, row.seq(), attempt);
            emit(new RunEvent.StepStarted(x.runId, Instant.now(), phase, step.id(), action.id(), step.title(),
                    action.sql(), action.transactional(), attempt));
            long t0 = System.nanoTime();
            SQLException failure;
            try {
                failure = new WatchedStatement(x, options.cancelBlockersAfter(), this::emit)
                        .run(step, action, work, row.seq(), t0);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                x.control.cancel();
                throw new Stop(RunStatus.CANCELLED, "interrupted");
            }
            if (failure == null) {
                if (!action.transactional()) {
                    store.actionDone(x.runId, row.seq(), (System.nanoTime() - t0) / 1_000_000);
                }
                return;
            }
            SqlFailureClass kind = SqlFailures.classify(failure);
            if (kind == SqlFailureClass.CONNECTION) {
                x.dropWork();
            }
            if (index != null) {
                cleanInvalidIndex(x, step, action, index, SqlFailures.message(failure));
            }
            if (kind == SqlFailureClass.CANCELED && x.control.cancelled()) {
                store.actionEnded(x.runId, row.seq(), StepStatus.PENDING, "cancelled by request");
                emit(new RunEvent.StepFailed(x.runId, Instant.now(), step.id(), action.id(), action.sql(),
                        failure.getSQLState(), "cancelled by request", true));
                throw new Stop(RunStatus.CANCELLED, "cancelled during " + step.id() + " (" + action.id() + ")");
            }
            boolean transientFailure = kind == SqlFailureClass.LOCK_TIMEOUT || kind == SqlFailureClass.CONFLICT
                    || kind == SqlFailureClass.CONNECTION;
            if (transientFailure && tries < options.maxAttempts()) {
                Duration backoff = options.backoff(tries, random);
                String reason = SqlFailures.reason(kind, failure);
                store.actionEnded(x.runId, row.seq(), StepStatus.PENDING, "attempt " + attempt + ": " + reason);
                emit(new RunEvent.StepRetrying(x.runId, Instant.now(), step.id(), action.id(), attempt, backoff,
                        reason));
                sleepUnlessCancelled(x, backoff);
                continue;
            }
            String why = transientFailure ? "gave up after " + tries + " attempts: " + SqlFailures.reason(kind, failure)
                    : SqlFailures.message(failure);
            fail(x, step, action, row, failure.getSQLState(), why, false);
        }
    }

    private void fail(Execution x, Step step, Action action, ActionRecord row, String state, String why,
                      boolean cancelled) throws Stop {
        store.actionEnded(x.runId, row.seq(), StepStatus.FAILED, why);
        emit(new RunEvent.StepFailed(x.runId, Instant.now(), step.id(), action.id(), action.sql(), state, why,
                cancelled));
        throw new Stop(RunStatus.FAILED, "step " + step.id() + " failed at " + action.id() + ": " + why + "\n  SQL: "
                + action.sql().strip().replace("\n", "\n       "));
    }

    private void sleepUnlessCancelled(Execution x, Duration d) throws Stop {
        long end = System.nanoTime() + d.toNanos();
        while (System.nanoTime() < end) {
            if (x.control.cancelled()) {
                throw new Stop(RunStatus.CANCELLED, "cancelled while waiting to retry");
            }
            RunStore.sleep(Math.min(100, Math.max(1, (end - System.nanoTime()) / 1_000_000)));
        }
    }

    // ---------------------------------------------------------------- invalid indexes

    /** Drops the index if it exists and is invalid (a failed concurrent build); reports it. */
    private void cleanInvalidIndex(Execution x, Step step, Action action, String index, String cause) throws Stop {
        for (int i = 1; ; i++) {
            try {
                if (!InvalidIndexes.dropIfInvalid(x.work(), index, x.plan.lockTimeoutFor(step))) {
                    return;
                }
                emit(new RunEvent.InvalidIndexCleaned(x.runId, Instant.now(), step.id(), action.id(), index, cause));
                return;
            } catch (SQLException e) {
                if (SqlFailures.classify(e) == SqlFailureClass.CONNECTION) {
                    x.dropWork();
                }
                if (i >= options.maxAttempts()) {
                    throw new Stop(RunStatus.FAILED, "the invalid index " + index + " left by step " + step.id()
                            + " could not be dropped: " + SqlFailures.message(e) + "; drop it by hand: DROP INDEX "
                            + "CONCURRENTLY " + index);
                }
                RunStore.sleep(options.backoff(i, random).toMillis());
            }
        }
    }

    // ---------------------------------------------------------------- backfill

    private void runBackfill(Execution x, Phase phase, Backfill step, ActionRecord row) throws Stop {
        int attempt = row.attempts();
        int tries = 0;
        Action action = step.forward().get(0);
        while (true) {
            checkCancelAndPause(x);
            attempt++;
            tries++;
            store.actionRunning(x.runId, row.seq(), attempt);
            emit(new RunEvent.StepStarted(x.runId, Instant.now(), phase, step.id(), action.id(), step.title(),
                    action.sql(), true, attempt));
            long t0 = System.nanoTime();
            StepOutcome out = backfill.run(new RunContext(db, x.runId, x.plan, x.control, options), step, this::emit);
            switch (out.status()) {
                case DONE -> {
                    store.actionDone(x.runId, row.seq(), (System.nanoTime() - t0) / 1_000_000);
                    return;
                }
                case CANCELLED -> {
                    store.actionEnded(x.runId, row.seq(), StepStatus.PENDING, "cancelled by request");
                    emit(new RunEvent.StepFailed(x.runId, Instant.now(), step.id(), action.id(), action.sql(), null,
                            "cancelled by request", true));
                    throw new Stop(RunStatus.CANCELLED, "cancelled during " + step.id());
                }
                default -> {
                    SQLException probe = new SQLException(out.message(), out.sqlState());
                    SqlFailureClass kind = SqlFailures.classify(probe);
                    boolean transientFailure = kind == SqlFailureClass.LOCK_TIMEOUT
                            || kind == SqlFailureClass.CONFLICT || kind == SqlFailureClass.CONNECTION;
                    if (transientFailure && tries < options.maxAttempts()) {
                        Duration backoff = options.backoff(tries, random);
                        store.actionEnded(x.runId, row.seq(), StepStatus.PENDING, out.message());
                        emit(new RunEvent.StepRetrying(x.runId, Instant.now(), step.id(), action.id(), attempt,
                                backoff, SqlFailures.reason(kind, probe)));
                        sleepUnlessCancelled(x, backoff);
                        continue;
                    }
                    fail(x, step, action, row, out.sqlState(), out.message(), false);
                }
            }
        }
    }

    // ---------------------------------------------------------------- misc

    /** The application_name of a run's working session: who blocks whom, and a dead runner's leftovers. */
    static String applicationName(String runId) {
        return "phasewise run " + runId;
    }

    private static String host() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return System.getenv().getOrDefault("HOSTNAME", "unknown");
        }
    }
}
