package dev.phasewise.ui.app;

import dev.phasewise.ui.Css;
import dev.phasewise.ui.Icons;
import dev.phasewise.ui.trace.TraceViewModel;
import dev.phasewise.ui.window.MainViewModel;
import javafx.beans.binding.Bindings;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Control;
import javafx.scene.control.Separator;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToolBar;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Priority;

import java.util.ArrayList;
import java.util.List;

/**
 * The main window's toolbar: file and connection, re-analyse and trace, the step edits, the run controls
 * and the theme toggle, each bound to the view model's state (disabled, with the reason in its tooltip).
 * The tooltips are made after the window's first frame ({@link #installTooltips}): each is a popup
 * window with a scene of its own, and the toolbar's twenty took 10 - 15 ms of a cold start (JFR).
 */
final class MainToolBar {
    /** The key, in a node's properties, of the tooltip text it gets after the first frame. */
    private static final String TOOLTIP_TEXT = "phasewise.tooltip";

    private MainToolBar() {
    }

    /** Gives every node of the toolbar its tooltip; once (later calls change nothing). */
    static void installTooltips(ToolBar bar) {
        List<Node> nodes = new ArrayList<>(bar.getItems());
        for (Node item : bar.getItems()) {
            if (item instanceof Pane p) {
                nodes.addAll(p.getChildren());
            }
        }
        for (Node n : nodes) {
            Object text = n.getProperties().remove(TOOLTIP_TEXT);
            if (text == null) {
                continue;
            }
            if (n instanceof Control c) {
                c.setTooltip(new Tooltip(text.toString()));
            } else {
                Tooltip.install(n, new Tooltip(text.toString()));
            }
        }
    }

    /** What the toolbar asks of the window: its dialogs and the edits that go through it. */
    record WindowActions(Runnable open, Runnable save, Runnable connect, Runnable trace, Runnable addStep,
                         Runnable editStep) {
    }

    static ToolBar build(MainViewModel vm, TraceViewModel traceVm, WindowActions window) {
        Button open = Icons.on(button("Open", "open-button", "Open a plan, a .sql file or sqlmigrate output (Ctrl+O)", window.open()), Icons.OPEN);
        Button save = Icons.on(button("Save", "save-button", "Save (Ctrl+S)", window.save()), Icons.SAVE);
        save.disableProperty().bind(vm.dirtyProperty().not());
        Button connect = Icons.on(button("Connect", "connect-button", "Connect to a database (Ctrl+K)", window.connect()),
                Icons.CONNECT);
        // icon only, like the step and run-step buttons: the toolbar must fit a 1,100 px window with the theme toggle
        Button lint = Icons.on(button("", "reanalyse-button", "Re-analyse: analyse the plan again (F5)", vm::reanalyse),
                Icons.REANALYSE);
        Button trace = button("", "trace-button", "Trace: run the step on the staging database, rolled back, and show the "
                + "locks PostgreSQL takes beside the prediction (Ctrl+Shift+T)", window.trace());
        Icons.on(trace, Icons.TRACE);
        trace.disableProperty().bind(traceVm.canTrace().not());
        // the step's buttons are icons only (their tooltips and the Edit menu say what they do): the
        // toolbar then fits a 1100 px window with the run buttons and the theme toggle
        Button up = Icons.on(button("", "move-up", "Move the step up (Alt+Up)", () -> vm.moveSelected(-1)), Icons.UP);
        Button down = Icons.on(button("", "move-down", "Move the step down (Alt+Down)", () -> vm.moveSelected(1)), Icons.DOWN);
        Button add = Icons.on(button("", "add-step", "Add a step after the selected one (Ctrl+N)",
                window.addStep()), Icons.ADD);
        add.disableProperty().bind(vm.documentProperty().isNull());
        Button edit = Icons.on(button("", "edit-step", "Edit the step's fields (Ctrl+E)", window.editStep()), Icons.EDIT);
        Button delete = Icons.on(button("", "delete-step", "Delete the step (Ctrl+Delete)", vm::deleteSelected),
                Icons.DELETE);
        for (Button b : List.of(up, down, edit, delete)) {
            b.disableProperty().bind(vm.selectedStepProperty().isNull());
        }
        // the seam for runs: present, disabled, and saying why (no fake progress)
        Button run = Icons.on(button("Run", "run-button", "Run the plan on the connected staging database", vm.runs()::run),
                Icons.RUN);
        Button pause = Icons.on(button("Pause", "pause-button", "Pause (or resume) the run between actions and batches",
                vm.runs()::pause), Icons.PAUSE);
        Button cancel = Icons.on(button("Cancel", "cancel-button", "Cancel the run (it can be resumed later)",
                vm.runs()::cancel), Icons.CANCEL);
        // icon only, with the words in the tooltip: with text the toolbar pushes the theme toggle into its overflow
        Button runStep = Icons.on(button("", "run-step-button", "Run step: only the selected step, with its verification",
                vm.runs()::runSelectedStep), Icons.RUN_STEP);
        Button skip = Icons.on(button("", "skip-button", "Skip: leave the selected pending step out of the run, or stop "
                + "skipping it", vm.runs()::toggleSkipSelected), Icons.SKIP);
        Button resume = Icons.on(button("", "resume-button", "Resume: continue the last run that stopped at a gate, "
                + "was cancelled or failed (done steps stay done)", vm.runs()::resume), Icons.RESUME);
        for (Button b : List.of(run, pause, cancel, runStep, skip)) {
            b.disableProperty().bind(vm.runs().availableProperty().not());
        }
        resume.disableProperty().bind(vm.runs().availableProperty().not().or(vm.runs().runState().resumable().isNull())
                .or(vm.runs().runState().running()));
        // icon only (its words are in the tooltip and the Edit menu): with text the toolbar overflows at 1100 px
        Button makeSafe = Icons.on(button("", "make-safe-button", "Make it safe: convert the SQL into a phased "
                + "expand / backfill / contract plan that ends in the same schema and data, and show each table's locks "
                + "before and after (Ctrl+Shift+M; Undo brings the statements back)", vm::makeSafe), Icons.MAKE_SAFE);
        makeSafe.disableProperty().bind(vm.sqlDocumentProperty().not()
                .or(vm.makeSafeState().convertingProperty()));
        ToggleButton theme = new ToggleButton();
        theme.setId("theme-toggle");
        // the icon shows the theme in force: a sun in light, a moon in dark
        theme.graphicProperty().bind(Bindings.createObjectBinding(
                () -> Icons.of(vm.theme().darkProperty().get() ? Icons.DARK : Icons.LIGHT), vm.theme().darkProperty()));
        theme.getProperties().put(TOOLTIP_TEXT, "Light / dark theme (Ctrl+T)");
        theme.selectedProperty().bindBidirectional(vm.theme().darkProperty());
        Pane spacer = new Pane();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        ToolBar bar = new ToolBar(open, save, connect, lint, wrapDisabled(trace), wrapDisabled(makeSafe),
                new Separator(), add, up, down, edit, delete,
                new Separator(), wrapDisabled(run), wrapDisabled(pause), wrapDisabled(cancel),
                wrapDisabled(resume), wrapDisabled(runStep), wrapDisabled(skip),
                spacer, theme);
        bar.getStyleClass().add(Css.TOOLBAR);
        return bar;
    }

    /** A disabled control shows no tooltip; its wrapper does, so "why disabled" is still readable. */
    private static Pane wrapDisabled(Button b) {
        HBox box = new HBox(b);
        box.getProperties().put(TOOLTIP_TEXT, b.getProperties().get(TOOLTIP_TEXT));
        return box;
    }

    private static Button button(String text, String id, String tip, Runnable action) {
        Button b = new Button(text);
        b.setId(id);
        b.getProperties().put(TOOLTIP_TEXT, tip);
        b.setOnAction(e -> action.run());
        return b;
    }
}
