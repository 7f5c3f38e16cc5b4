package dev.phasewise.ui.app;

import dev.phasewise.plan.Phase;
import dev.phasewise.plan.Plan;
import dev.phasewise.run.BatchedBackfill;
import dev.phasewise.run.CoalescingListener;
import dev.phasewise.run.GateHandler;
import dev.phasewise.run.RunControl;
import dev.phasewise.run.RunEvent;
import dev.phasewise.run.RunOptions;
import dev.phasewise.run.RunResult;
import dev.phasewise.run.Runner;
import dev.phasewise.ui.app.MainViewModel.StepStatus;
import dev.phasewise.ui.conn.Connection;
import javafx.application.Platform;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonType;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiFunction;

/**
 * The desktop's runs: Run starts the core {@link Runner} on a thread of its own (never the FX
 * thread), with backfill steps through the batched executor; its events come back coalesced
 * (backfill progress at most {@value #PROGRESS_PER_SECOND} times a second, every other event kept) and are posted to the FX
 * thread, where they set the step statuses the timeline shows and the live backfill figures.
 * Deploy gates ask the user item by item; declining stops the run at the gate, resumable.
 */
public final class PlanRunControls implements RunControls {
    /**
     * At most one progress update per 50 ms. With 10 a second, batches of about 50 ms (batch_ms) came
     * through only one in two (a progress that arrives within the interval is held until the next
     * one), 7.4 updates a second; at 20 each batch's progress shows, and 20 short runLaters a second
     * cost the FX thread nothing measurable (bench/ui-responsiveness.sh, docs/benchmarks.md).
     */
    static final int PROGRESS_PER_SECOND = 20;

    private final MainViewModel vm;
    /** Asks the user to confirm one checklist item of a gate; called on the FX thread. */
    private final BiFunction<String, String, Boolean> confirmGateItem;
    private final AtomicReference<RunControl> current = new AtomicReference<>();

    public PlanRunControls(MainViewModel vm) {
        this(vm, PlanRunControls::askUser);
    }

    /** @param confirmGateItem (gate name, item) → confirmed? — tests answer without a dialog */
    public PlanRunControls(MainViewModel vm, BiFunction<String, String, Boolean> confirmGateItem) {
        this.vm = vm;
        this.confirmGateItem = confirmGateItem;
    }

    @Override
    public void run(Plan plan, Connection connection) {
        RunControl control = new RunControl();
        if (!current.compareAndSet(null, control)) {
            vm.statusProperty().set("A run is already in progress");
            return;
        }
        plan.steps().forEach(p -> vm.stepStatuses().put(p.step().id(), StepStatus.PENDING));
        vm.backfillProgressProperty().set(null);
        vm.statusProperty().set("Running " + plan.name() + " on " + connection.label());
        CoalescingListener events = new CoalescingListener(e -> Platform.runLater(() -> show(e)), PROGRESS_PER_SECOND);
        GateHandler gates = this::confirmOnFxThread;
        Thread worker = new Thread(() -> {
            try {
                Runner runner = new Runner(connection.database(), RunOptions.defaults(), gates, new BatchedBackfill(),
                        events);
                RunResult result = runner.start(plan, null, control);
                Platform.runLater(() -> vm.statusProperty().set("Run " + result.runId() + ": " + result.status()
                        + (result.message() == null ? "" : " — " + result.message())));
            } catch (RuntimeException e) {
                Platform.runLater(() -> vm.statusProperty().set("Run refused: " + e.getMessage()));
            } finally {
                // after the events and the final status already posted: running() turns false only
                // once the window shows the run's end
                Platform.runLater(() -> current.set(null));
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

    public boolean running() {
        return current.get() != null;
    }

    private void show(RunEvent e) {
        if (e instanceof RunEvent.StepStarted s) {
            vm.stepStatuses().put(s.stepId(), StepStatus.RUNNING);
        } else if (e instanceof RunEvent.StepRetrying s) {
            vm.stepStatuses().put(s.stepId(), StepStatus.WAITING_FOR_LOCK);
            vm.statusProperty().set(s.stepId() + ": retrying in " + s.backoff().toMillis() + " ms — " + s.reason());
        } else if (e instanceof RunEvent.StepBlocked s) {
            vm.stepStatuses().put(s.stepId(), StepStatus.WAITING_FOR_LOCK);
        } else if (e instanceof RunEvent.StepFinished s) {
            vm.stepStatuses().put(s.stepId(), s.skipped() ? StepStatus.SKIPPED : StepStatus.DONE);
        } else if (e instanceof RunEvent.StepFailed s) {
            vm.stepStatuses().put(s.stepId(), s.cancelled() ? StepStatus.PENDING : StepStatus.FAILED);
            vm.statusProperty().set(s.stepId() + (s.cancelled() ? ": cancelled" : " failed: " + s.message()));
        } else if (e instanceof RunEvent.BackfillProgress p) {
            vm.backfillProgressProperty().set(new MainViewModel.BackfillProgress(p.stepId(), p.rowsDone(),
                    p.totalEstimate(), Double.isNaN(p.rowsPerSecond()) ? 0 : p.rowsPerSecond(),
                    p.batchP99() == null ? 0 : p.batchP99().toMillis(), p.batchSize(), p.retries()));
        }
    }

    private Optional<String> confirmOnFxThread(Phase after, dev.phasewise.plan.Gate gate, String item) {
        CompletableFuture<Boolean> answer = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                answer.complete(confirmGateItem.apply(gate.name(), item));
            } catch (RuntimeException e) {
                answer.completeExceptionally(e);
            }
        });
        try {
            return answer.get() ? Optional.of("desktop: " + System.getProperty("user.name")) : Optional.empty();
        } catch (Exception e) {
            return Optional.empty();
        }
    }

    private static Boolean askUser(String gate, String item) {
        Alert a = new Alert(Alert.AlertType.CONFIRMATION, "☐ " + item + "\n\nConfirm this item of the deploy gate? "
                + "Declining stops the run here; it can be resumed later.", ButtonType.YES, ButtonType.NO);
        a.setHeaderText("Deploy gate: " + gate);
        a.setTitle("Deploy gate");
        return a.showAndWait().filter(b -> b == ButtonType.YES).isPresent();
    }
}
