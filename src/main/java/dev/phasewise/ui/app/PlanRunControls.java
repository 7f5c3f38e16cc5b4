package dev.phasewise.ui.app;

import dev.phasewise.plan.Plan;
import dev.phasewise.run.BatchedBackfill;
import dev.phasewise.run.CoalescingListener;
import dev.phasewise.run.GateHandler;
import dev.phasewise.run.RunControl;
import dev.phasewise.run.RunEvent;
import dev.phasewise.run.RunOptions;
import dev.phasewise.run.RunResult;
import dev.phasewise.run.RunStatus;
import dev.phasewise.run.Runner;
import dev.phasewise.ui.conn.ConnectedDatabase;
import dev.phasewise.ui.run.RunLogLines;
import dev.phasewise.ui.run.RunState;
import dev.phasewise.ui.window.MainViewModel;
import dev.phasewise.ui.window.MainViewModel.StepStatus;
import dev.phasewise.ui.window.RunControls;
import javafx.application.Platform;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The desktop's runs: Run (the whole plan) and Run step (one step alone) start the core {@link Runner} on a
 * thread of its own (never the FX thread), with backfill steps through the batched executor; its events come
 * back coalesced (backfill progress at most {@value #PROGRESS_PER_SECOND} times a second, every other event
 * kept) and are posted to the FX thread, where they set the step statuses the timeline shows, the live backfill
 * figures and the run log. Deploy gates are ticked in the timeline ({@link dev.phasewise.ui.run.GateChecklist});
 * "Stop at gate" stops the run there, resumable. Skip requests go to the run's {@link RunControl}, before or
 * during the run.
 */
public final class PlanRunControls implements RunControls {
    /**
     * Progress updates posted to the FX thread at most this often a second (each a short runLater that
     * sets a few labels). The engine repeats its figures every 50 ms between batches, so the limit sits
     * a little above 20: exactly 20 would hold some of those back by a fraction of a millisecond, and a
     * held update waits for the next one. Measured with bench/ui-responsiveness.sh (docs/benchmarks.md).
     */
    static final int PROGRESS_PER_SECOND = 25;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS", Locale.ROOT)
            .withZone(ZoneId.systemDefault());

    private final MainViewModel vm;
    private final AtomicReference<RunControl> current = new AtomicReference<>();

    public PlanRunControls(MainViewModel vm) {
        this.vm = vm;
        // the run log's line for a backfill's progress, made once here: its string concatenations are linked
        // on first use, which would otherwise happen on the FX thread as the first backfill starts
        new RunLogLines().line(new RunEvent.BackfillProgress("-", Instant.EPOCH, "-", 1, 2, 3,
                Duration.ZERO, 4, Duration.ZERO, Duration.ZERO, 0, "running",
                Duration.ZERO, Duration.ZERO));
    }

    @Override
    public void run(Plan plan, ConnectedDatabase connection) {
        start(plan, null, null, connection);
    }

    @Override
    public void runStep(Plan plan, String stepId, ConnectedDatabase connection) {
        start(plan, stepId, null, connection);
    }

    @Override
    public void resume(Plan plan, String runId, ConnectedDatabase connection) {
        start(plan, null, runId, connection);
    }

    /** On the FX thread. {@code onlyStep}: null for the whole plan; {@code resumeRunId}: the run to continue, or null. */
    private void start(Plan plan, String onlyStep, String resumeRunId, ConnectedDatabase connection) {
        RunControl control = new RunControl();
        if (!current.compareAndSet(null, control)) {
            vm.statusProperty().set("A run is already in progress");
            return;
        }
        RunState state = vm.runs().runState();
        if (onlyStep == null) {
            // "Run this step" on a step marked skipped means run it: skip requests are for whole runs
            state.skipRequests().forEach(control::skip);
        }
        for (Plan.Placed p : plan.steps()) {
            String id = p.step().id();
            StepStatus before = vm.runs().stepStatuses().get(id);
            if (resumeRunId != null && (before == StepStatus.DONE || before == StepStatus.SKIPPED)) {
                continue; // a resumed run does not do them again
            }
            if (onlyStep == null || onlyStep.equals(id)) {
                vm.runs().stepStatuses().put(id, onlyStep == null && state.skipRequests().contains(id) ? StepStatus.SKIPPED
                        : StepStatus.PENDING);
            }
        }
        if (onlyStep == null) {
            state.gates().reset();
        }
        state.running().set(true);
        vm.runs().backfillProgressProperty().set(null);
        state.resumable().set(null);
        vm.statusProperty().set((resumeRunId != null ? "Resuming run " + resumeRunId + " of " + plan.name()
                : onlyStep == null ? "Running " + plan.name() : "Running step " + onlyStep + " alone")
                + " on " + connection.label());
        RunLogLines lines = new RunLogLines();
        CoalescingListener events = new CoalescingListener(e -> Platform.runLater(() -> show(e, lines)),
                PROGRESS_PER_SECOND);
        GateHandler gates = state.gates().handler(control);
        Thread worker = new Thread(() -> {
            try {
                Runner runner = new Runner(connection.database(), RunOptions.defaults(), gates, new BatchedBackfill(),
                        events);
                RunResult result = resumeRunId != null ? runner.resume(resumeRunId, plan, null, control)
                        : onlyStep == null ? runner.start(plan, null, control)
                        : runner.startStep(plan, null, onlyStep, control);
                boolean resumable = onlyStep == null && result.status() != RunStatus.SUCCEEDED;
                Platform.runLater(() -> {
                    vm.statusProperty().set("Run " + result.runId() + ": " + result.status()
                            + (result.message() == null ? "" : " — " + result.message()));
                    state.resumable().set(resumable ? result.runId() : null);
                });
            } catch (RuntimeException e) {
                Platform.runLater(() -> {
                    vm.statusProperty().set("Run refused: " + e.getMessage());
                    state.log().append(TIME.format(Instant.now()) + "  run refused: " + e.getMessage());
                });
            } finally {
                // after the events and the final status already posted: running() turns false only
                // once the window shows the run's end
                Platform.runLater(() -> {
                    current.set(null);
                    state.gates().runEnded();
                    state.running().set(false);
                });
            }
        }, "phasewise-run");
        worker.setDaemon(true);
        worker.start();
    }

    /** Pause toggles: a second press resumes. */
    @Override
    public void pause() {
        RunControl c = current.get();
        if (c == null) {
            return;
        }
        if (c.paused()) {
            c.resume();
            vm.statusProperty().set("Resumed");
        } else {
            c.pause();
            vm.statusProperty().set("Paused: the run holds between actions, a backfill between batches");
        }
    }

    @Override
    public void cancel() {
        RunControl c = current.get();
        if (c != null) {
            c.cancel();
            vm.statusProperty().set("Cancelling…");
        }
    }

    @Override
    public void skip(String stepId, boolean skip) {
        RunControl c = current.get();
        if (c != null) {
            if (skip) {
                c.skip(stepId);
            } else {
                c.unskip(stepId);
            }
        }
    }

    public boolean running() {
        return current.get() != null;
    }

    private void show(RunEvent e, RunLogLines lines) {
        String line = lines.line(e);
        if (line != null) {
            vm.runs().runState().log().append(line);
        }
        if (e instanceof RunEvent.StepStarted s) {
            vm.runs().stepStatuses().put(s.stepId(), StepStatus.RUNNING);
        } else if (e instanceof RunEvent.StepRetrying s) {
            vm.runs().stepStatuses().put(s.stepId(), StepStatus.WAITING_FOR_LOCK);
            vm.statusProperty().set(s.stepId() + ": retrying in " + s.backoff().toMillis() + " ms — " + s.reason());
        } else if (e instanceof RunEvent.StepBlocked s) {
            vm.runs().stepStatuses().put(s.stepId(), StepStatus.WAITING_FOR_LOCK);
        } else if (e instanceof RunEvent.StepFinished s) {
            vm.runs().stepStatuses().put(s.stepId(), s.skipped() ? StepStatus.SKIPPED : StepStatus.DONE);
        } else if (e instanceof RunEvent.StepSkipped s) {
            vm.runs().stepStatuses().put(s.stepId(), StepStatus.SKIPPED);
        } else if (e instanceof RunEvent.StepFailed s) {
            vm.runs().stepStatuses().put(s.stepId(), s.cancelled() ? StepStatus.PENDING : StepStatus.FAILED);
            vm.statusProperty().set(s.stepId() + (s.cancelled() ? ": cancelled" : " failed: " + s.message()));
        } else if (e instanceof RunEvent.GateReached g) {
            vm.statusProperty().set("Gate \"" + g.name() + "\": tick its checklist in the timeline to go on");
        } else if (e instanceof RunEvent.GateConfirmed g) {
            vm.runs().runState().gates().confirmed(g.after(), g.item());
        } else if (e instanceof RunEvent.BackfillProgress p) {
            vm.runs().backfillProgressProperty().set(p);
        }
    }
}
