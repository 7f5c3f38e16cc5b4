package dev.phasewise.ui.trace;

import dev.phasewise.db.trace.StepTracer;
import dev.phasewise.db.trace.TracedFile;
import dev.phasewise.plan.steps.Step;
import dev.phasewise.ui.UiTasks;
import dev.phasewise.ui.conn.ConnectedDatabase;
import dev.phasewise.ui.window.MainViewModel;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

import java.util.Locale;

/**
 * Trace on the selected step: its forward SQL run on the connected staging database in rolled-back
 * transactions (the core's tracer, as {@code phasewise trace} does), in a background task, and what
 * PostgreSQL did set beside the static analysis. A result belongs to the step object it was taken
 * for: an edited or another step shows none until traced again.
 */
public final class TraceViewModel {
    /** What was traced, for which step (the exact object), on which connection. */
    public record Traced(Step step, ConnectedDatabase connection, TracedFile file) {
    }

    private final MainViewModel vm;
    private final ReadOnlyObjectWrapper<Traced> result = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper();
    private final ReadOnlyObjectWrapper<Step> tracing = new ReadOnlyObjectWrapper<>();

    public TraceViewModel(MainViewModel vm) {
        this.vm = vm;
        vm.connectionProperty().addListener((o, a, b) -> {
            result.set(null);
            error.set(null);
        });
        // a refusal or failure was about the step it was for
        vm.selectedStepProperty().addListener((o, a, b) -> error.set(null));
    }

    /** Selected step, a connection, nothing traced at the moment. */
    public BooleanBinding canTrace() {
        return Bindings.createBooleanBinding(() -> vm.selectedStepProperty().get() != null
                        && vm.connectionProperty().get() != null && !running.get(),
                vm.selectedStepProperty(), vm.connectionProperty(), running);
    }

    public void traceSelected() {
        Step step = vm.selectedStepProperty().get();
        ConnectedDatabase c = vm.connectionProperty().get();
        if (step == null || running.get()) {
            return;
        }
        if (c == null) {
            fail(step, "Connect to a staging database to trace (File ▸ Connect…)");
            return;
        }
        if (!c.staging()) {
            // the trace really runs the statements (rolled back, CONCURRENTLY ones committed then
            // undone) and takes their locks: like `phasewise trace`, only where that is allowed
            fail(step, "Trace runs the statements (and rolls them back) only on a staging database: "
                    + c.decision().reason());
            return;
        }
        vm.flushEdits();
        Step current = vm.selectedStepProperty().get();
        running.set(true);
        error.set(null);
        tracing.set(current);
        message.set("Tracing " + current.id() + " on " + c.server().database() + " (rolled back)…");
        vm.statusProperty().set(message.get());
        vm.tasks().run("trace", () -> StepTracer.trace(c.database(), c.version(), current), file -> {
            running.set(false);
            tracing.set(null);
            result.set(new Traced(current, c, file));
            long n = file.disagreementCount();
            message.set(n == 0 ? "PostgreSQL agrees with the analysis" : n + (n == 1 ? " disagreement" : " disagreements"));
            vm.statusProperty().set("Traced " + current.id() + ": " + message.get().toLowerCase(Locale.ROOT)
                    + (file.leftBehind().isEmpty() ? "" : "; left behind: " + String.join("; ", file.leftBehind())));
        }, failure -> {
            running.set(false);
            tracing.set(null);
            fail(current, "Trace failed: " + UiTasks.describe(failure));
        });
    }

    private void fail(Step step, String text) {
        error.set(text);
        result.set(null);
        message.set("");
        vm.statusProperty().set(text);
    }

    /** The trace of this exact step, or null. */
    public TracedFile resultFor(Step step) {
        Traced t = result.get();
        return t != null && t.step() == step && t.connection() == vm.connectionProperty().get() ? t.file() : null;
    }

    public ReadOnlyObjectProperty<Traced> resultProperty() {
        return result.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty runningProperty() {
        return running.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    /** The last refusal or failure, or null. */
    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    /** The step being traced now, or null. */
    public ReadOnlyObjectProperty<Step> tracingProperty() {
        return tracing.getReadOnlyProperty();
    }
}
