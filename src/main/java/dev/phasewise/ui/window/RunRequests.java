package dev.phasewise.ui.window;

import dev.phasewise.plan.Plan;
import dev.phasewise.plan.steps.Step;
import dev.phasewise.run.RunEvent;
import dev.phasewise.run.RunStore;
import dev.phasewise.ui.conn.ConnectedDatabase;
import dev.phasewise.ui.run.RunState;
import dev.phasewise.ui.window.MainViewModel.StepStatus;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableMap;

import java.time.Duration;
import java.util.Locale;

/**
 * The window's side of runs: what the toolbar and the timeline ask for (run, resume, run one step,
 * skip, pause, cancel), checked against the connection (runs need staging) before they reach the
 * {@link RunControls}; and what comes back from a run, set on the FX thread: each step's status,
 * the live backfill figures, the run log, the gates' checklists and the skip requests.
 */
public final class RunRequests {
    private final MainViewModel main;
    private final ReadOnlyBooleanWrapper available = new ReadOnlyBooleanWrapper(false);
    private final ObservableMap<String, StepStatus> stepStatuses = FXCollections.observableHashMap();
    private final ObjectProperty<RunEvent.BackfillProgress> backfillProgress = new SimpleObjectProperty<>();
    private final RunState runState = new RunState();
    private RunControls controls = RunControls.NONE;

    RunRequests(MainViewModel main) {
        this.main = main;
    }

    /** Wires the runner in: the toolbar's Run / Pause / Cancel become available and call it. */
    public void setControls(RunControls runControls) {
        controls = runControls == null ? RunControls.NONE : runControls;
        available.set(controls != RunControls.NONE);
    }

    public void run() {
        ConnectedDatabase c = stagingConnection("run");
        if (c != null) {
            main.flushEdits();
            controls.run(main.planProperty().get(), c);
        }
    }

    /** Resumes the window's last run that stopped before its end, on the staging connection. */
    public void resume() {
        String runId = runState.resumable().get();
        if (runId == null) {
            main.statusProperty().set("No run to resume: start one with Run");
            return;
        }
        ConnectedDatabase c = stagingConnection("resume");
        if (c != null) {
            main.flushEdits();
            controls.resume(main.planProperty().get(), runId, c);
        }
    }

    /** Runs only the selected step, with its verification (no gate), on the staging connection. */
    public void runSelectedStep() {
        runStep(main.selectedStepProperty().get());
    }

    /** Runs only this step, with its verification (no gate), on the staging connection. */
    public void runStep(Step s) {
        if (s == null) {
            return;
        }
        ConnectedDatabase c = stagingConnection("run");
        if (c != null) {
            main.flushEdits();
            controls.runStep(main.planProperty().get(), s.id(), c);
        }
    }

    /** Skip (or stop skipping) a step that has not run: before a run it applies when the run starts. */
    public void skip(String stepId, boolean skip) {
        StepStatus now = stepStatuses.getOrDefault(stepId, StepStatus.PENDING);
        if (skip && now != StepStatus.PENDING) {
            main.statusProperty().set(stepId + " is " + now.name().toLowerCase(Locale.ROOT).replace('_', ' ')
                    + ": only a pending step can be skipped");
            return;
        }
        if (skip) {
            runState.skipRequests().add(stepId);
            stepStatuses.put(stepId, StepStatus.SKIPPED);
        } else if (runState.skipRequests().remove(stepId) && now == StepStatus.SKIPPED) {
            stepStatuses.put(stepId, StepStatus.PENDING);
        }
        controls.skip(stepId, skip);
    }

    /** The toolbar's Skip: toggles the selected step's skip request. */
    public void toggleSkipSelected() {
        Step s = main.selectedStepProperty().get();
        if (s != null) {
            skip(s.id(), !runState.skipRequests().contains(s.id()));
        }
    }

    public void pause() {
        controls.pause();
    }

    public void cancel() {
        controls.cancel();
    }

    /** A new document: every step pending, no skip requests, no gate ticked, no run to resume. */
    void reset(Iterable<String> stepIds) {
        runState.resumable().set(null);
        stepStatuses.clear();
        runState.skipRequests().clear();
        runState.gates().reset();
        stepIds.forEach(id -> stepStatuses.put(id, StepStatus.PENDING));
    }

    /**
     * Looks, in the background, for the latest run of this plan on the staging database that stopped
     * before its end: a window killed mid-run, another machine's run that failed, a run waiting at a
     * gate. It becomes Resume's run, unless this window already has one.
     */
    void lookForStoppedRun() {
        ConnectedDatabase c = main.connectionProperty().get();
        Plan plan = main.planProperty().get();
        if (c == null || !c.staging() || plan == null || runState.resumable().get() != null) {
            return;
        }
        main.tasks().run("stopped runs", () -> new RunStore(c.database(), Duration.ofSeconds(5)).latestResumable(plan),
                found -> found.ifPresent(run -> {
                    if (main.connectionProperty().get() == c && main.planProperty().get() == plan
                            && runState.resumable().get() == null) {
                        runState.resumable().set(run.runId());
                        main.statusProperty().set("Run " + run.runId() + " of this plan is " + run.status().label()
                                + " (started " + run.startedAt() + " on " + run.host() + "): Resume continues it");
                    }
                }), failure -> {
                    // no run history to offer; running works as before
                });
    }

    /** The connection when it is staging; otherwise null, and the status says why nothing runs. */
    private ConnectedDatabase stagingConnection(String verb) {
        ConnectedDatabase c = main.connectionProperty().get();
        if (c == null) {
            main.statusProperty().set("Connect to a staging database to " + verb);
            return null;
        }
        if (!c.staging()) {
            main.statusProperty().set("Runs need a staging database: " + c.decision().reason());
            return null;
        }
        return c;
    }

    /** True once a runner is wired (the toolbar enables its run buttons). */
    public ReadOnlyBooleanProperty availableProperty() {
        return available.getReadOnlyProperty();
    }

    public ObservableMap<String, StepStatus> stepStatuses() {
        return stepStatuses;
    }

    /** The run log, the gates' checklists and the skip requests. */
    public RunState runState() {
        return runState;
    }

    /**
     * The latest progress of a run's backfill step, as the runner reported it (null until one runs): the run
     * event itself, no copy of its own (rate NaN, ETA, p99, elapsed and sinceCommit null while not known).
     */
    public ObjectProperty<RunEvent.BackfillProgress> backfillProgressProperty() {
        return backfillProgress;
    }
}
