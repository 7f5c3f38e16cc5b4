package dev.phasewise.ui.timeline;

import dev.phasewise.analysis.StatementResult;
import dev.phasewise.analysis.cost.TableEffect;
import dev.phasewise.plan.Phase;
import dev.phasewise.plan.PhaseBlock;
import dev.phasewise.plan.Plan;
import dev.phasewise.plan.steps.Step;
import dev.phasewise.ui.Css;
import dev.phasewise.ui.model.Durations;
import dev.phasewise.ui.model.PlanDocument;
import dev.phasewise.ui.model.StepAnalysis;
import dev.phasewise.ui.model.StepRisk;
import dev.phasewise.ui.window.MainViewModel;
import javafx.collections.MapChangeListener;
import javafx.collections.SetChangeListener;
import javafx.geometry.Insets;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Tooltip;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.Dragboard;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The spine: the plan's three phases as lanes, the deploy gates between them, each step a block
 * coloured by its risk (green / amber / red) with kind, table, lock, estimated time and status.
 * Click selects; drag a block onto another block of the same phase to move it there.
 */
public final class TimelineView extends ScrollPane {
    private final MainViewModel vm;
    private final HBox lanes = new HBox(8);
    private Consumer<Phase> onAddStep = p -> { };
    private final ContextMenu laneMenu = new ContextMenu();

    /** The status line of each step block of the last rebuild, by step id. */
    private final Map<String, StatusLine> statusLines = new HashMap<>();
    /** The gate markers of the last rebuild. */
    private final List<GateMarker> gateMarkers = new ArrayList<>();

    public TimelineView(MainViewModel vm) {
        this.vm = vm;
        getStyleClass().add(Css.TIMELINE);
        setId("timeline");
        lanes.setPadding(new Insets(8));
        lanes.setFillHeight(true);
        setContent(lanes);
        setFitToHeight(true);
        setFitToWidth(true);
        vm.planProperty().addListener((o, a, b) -> rebuild());
        vm.documentProperty().addListener((o, a, b) -> rebuild());
        vm.analysisProperty().addListener((o, a, b) -> rebuild());
        vm.selectedStepProperty().addListener((o, a, b) -> rebuild());
        // a run's status changes touch one block's status line, not the whole timeline: rebuilding every node
        // (and styling it again) at each step transition stalled the FX thread as a backfill started
        vm.runs().stepStatuses().addListener((MapChangeListener<String, MainViewModel.StepStatus>) c -> {
            StatusLine line = statusLines.get(c.getKey());
            if (line == null) {
                rebuild();
            } else {
                line.show(vm.runs().stepStatuses().getOrDefault(c.getKey(), MainViewModel.StepStatus.PENDING));
            }
        });
        var gates = vm.runs().runState().gates();
        // likewise a gate's state: a run passing it changes it once per item just as the next phase starts
        gates.active().addListener((o, a, b) -> refreshGates());
        gates.ticked().addListener((SetChangeListener<String>) c -> refreshGates());
        gates.confirmed().addListener((SetChangeListener<Object>) c -> refreshGates());
        rebuild();
    }

    /** What "Add step…" in a lane's context menu does, given the lane's phase. */
    public void setOnAddStep(Consumer<Phase> action) {
        onAddStep = action == null ? p -> { } : action;
    }

    /** One menu for every lane, owned by the view (lanes are rebuilt on every change, the menu stays). */
    private void showLaneMenu(Phase phase, double screenX, double screenY) {
        MenuItem add = new MenuItem("Add step to " + phase.label() + "…");
        add.setId("add-step-" + phase.label());
        add.setOnAction(a -> onAddStep.accept(phase));
        laneMenu.getItems().setAll(add);
        laneMenu.show(this, screenX, screenY);
    }

    /** A step block's status line: the status in words, then the estimate under lock when there is one. */
    private record StatusLine(Label label, String estimate) {
        void show(MainViewModel.StepStatus status) {
            label.setText(status.name().toLowerCase(Locale.ROOT).replace('_', ' ')
                    + (estimate.isEmpty() ? "" : "  ·  " + estimate));
        }
    }

    private void refreshGates() {
        gateMarkers.forEach(GateMarker::refresh);
    }

    private void rebuild() {
        lanes.getChildren().clear();
        statusLines.clear();
        gateMarkers.clear();
        Plan plan = vm.planProperty().get();
        if (plan == null) {
            Label empty = new Label("Open a plan (Ctrl+O), a .sql file or Django sqlmigrate output, or drop one here.");
            empty.getStyleClass().add(Css.PLACEHOLDER);
            lanes.getChildren().add(empty);
            return;
        }
        StepAnalysis analysis = vm.analysisProperty().get();
        boolean sql = vm.documentProperty().get() != null
                && vm.documentProperty().get().kind() == PlanDocument.Kind.SQL;
        for (Phase phase : Phase.inOrder()) {
            PhaseBlock block = plan.phase(phase);
            if (sql && block.steps().isEmpty()) {
                // a .sql file is one phase of statements, in order: no empty backfill / contract lanes
                continue;
            }
            VBox lane = new VBox(6);
            lane.getStyleClass().addAll(Css.LANE, "lane-" + phase.label());
            lane.setId("lane-" + phase.label());
            // a secondary click (which also selects a block under it), or the keyboard's menu key; not
            // the mouse's context-menu event as well, which would show the menu twice
            lane.addEventHandler(MouseEvent.MOUSE_CLICKED, e -> {
                if (e.getButton() == MouseButton.SECONDARY) {
                    showLaneMenu(phase, e.getScreenX(), e.getScreenY());
                }
            });
            lane.setOnContextMenuRequested(e -> {
                if (e.isKeyboardTrigger()) {
                    showLaneMenu(phase, e.getScreenX(), e.getScreenY());
                    e.consume();
                }
            });
            HBox.setHgrow(lane, Priority.ALWAYS);
            lane.setMinWidth(200);
            lane.setPrefWidth(280);
            Label header = new Label((sql ? "STATEMENTS (as the file runs them)" : phase.name()) + "  ·  "
                    + block.steps().size() + (block.steps().size() == 1 ? " step" : " steps"));
            header.getStyleClass().add(Css.LANE_HEADER);
            header.setMaxWidth(Double.MAX_VALUE);
            lane.getChildren().add(header);
            Pane holder = lane;
            if (sql) {
                FlowPane flow = new FlowPane(6, 6);
                flow.prefWrapLengthProperty().bind(lane.widthProperty().subtract(16));
                lane.getChildren().add(flow);
                holder = flow;
            }
            for (Step step : block.steps()) {
                Region r = stepBlock(phase, step, analysis.of(step));
                if (sql) {
                    r.setPrefWidth(300);
                }
                holder.getChildren().add(r);
            }
            if (block.steps().isEmpty()) {
                Label none = new Label("no steps");
                none.getStyleClass().add(Css.MUTED);
                lane.getChildren().add(none);
            }
            lanes.getChildren().add(lane);
            if (block.gate() != null) {
                GateMarker marker = new GateMarker(phase, block.gate(), vm.runs().runState().gates());
                gateMarkers.add(marker);
                lanes.getChildren().add(marker);
            }
        }
    }

    private Region stepBlock(Phase phase, Step step, List<StatementResult> results) {
        VBox b = new VBox(2);
        b.getStyleClass().add(Css.STEP_BLOCK);
        // a lane of several steps scrolls rather than squeezing each block's title to "..."
        b.setMinHeight(Region.USE_PREF_SIZE);
        b.setId("step-" + step.id().replaceAll("[^A-Za-z0-9_-]", "_"));
        StepRisk risk = StepRisk.of(results);
        b.getStyleClass().add(switch (risk) {
            case GREEN -> Css.RISK_GREEN;
            case AMBER -> Css.RISK_AMBER;
            case RED -> Css.RISK_RED;
            case UNKNOWN -> Css.MUTED;
        });
        if (step == vm.selectedStepProperty().get()) {
            b.getStyleClass().add(Css.SELECTED);
        }
        Label kind = new Label(step.kind());
        kind.getStyleClass().add(Css.STEP_KIND);
        Label title = new Label(step.title());
        title.getStyleClass().add(Css.STEP_TITLE);
        title.setWrapText(true);
        Optional<TableEffect> strongest = StepRisk.strongest(results);
        String lock = strongest.map(e -> e.name() + " · " + e.lock().pgName()
                + (e.rewrite() ? " · rewrite" : e.scan() ? " · scan" : "")).orElse("no table lock");
        Label meta = new Label(lock);
        meta.getStyleClass().add(Css.STEP_META);
        meta.setWrapText(true);
        String est = StepRisk.estimatedSeconds(results).map(Durations::seconds).map(s -> "est. " + s + " under lock")
                .orElse("");
        Label statusLabel = new Label();
        statusLabel.getStyleClass().add(Css.STEP_STATUS);
        StatusLine line = new StatusLine(statusLabel, est);
        line.show(vm.runs().stepStatuses().getOrDefault(step.id(), MainViewModel.StepStatus.PENDING));
        statusLines.put(step.id(), line);
        b.getChildren().addAll(kind, title, meta, statusLabel);
        long findings = results.stream().mapToLong(r -> r.findings().size()).sum();
        Tooltip.install(b, new Tooltip(step.title() + "\n" + riskWords(risk) + (findings > 0 ? "\n" + findings
                + (findings == 1 ? " finding" : " findings") : "")));
        b.setOnMouseClicked(e -> vm.selectedStepProperty().set(step));
        StepRunMenu.install(b, step, vm);
        b.setOnDragDetected(e -> {
            Dragboard db = b.startDragAndDrop(TransferMode.MOVE);
            ClipboardContent cc = new ClipboardContent();
            cc.putString("phasewise-step:" + step.id());
            db.setContent(cc);
            e.consume();
        });
        b.setOnDragOver(e -> {
            if (e.getDragboard().hasString() && e.getDragboard().getString().startsWith("phasewise-step:")) {
                e.acceptTransferModes(TransferMode.MOVE);
            }
            e.consume();
        });
        b.setOnDragDropped(e -> {
            String id = e.getDragboard().getString().substring("phasewise-step:".length());
            e.setDropCompleted(moveTo(phase, id, step));
            e.consume();
        });
        return b;
    }

    /** Moves the dragged step to the drop target's place, within the same phase. */
    private boolean moveTo(Phase phase, String draggedId, Step target) {
        List<Step> steps = vm.planProperty().get().phase(phase).steps();
        Step dragged = steps.stream().filter(s -> s.id().equals(draggedId)).findFirst().orElse(null);
        if (dragged == null || dragged == target) {
            return false;
        }
        int from = steps.indexOf(dragged);
        int to = steps.indexOf(target);
        vm.selectedStepProperty().set(dragged);
        Plan p = vm.planProperty().get();
        for (int i = 0; i < Math.abs(to - from); i++) {
            p = PlanDocument.moveStep(p, dragged, Integer.signum(to - from));
        }
        vm.edit(p, dragged);
        return true;
    }

    static String riskWords(StepRisk risk) {
        return switch (risk) {
            case GREEN -> "no conflict with application reads or writes";
            case AMBER -> "blocks application writes while it runs";
            case RED -> "blocks reads and writes, or scans / rewrites a table under a write-blocking lock";
            case UNKNOWN -> "not analysed";
        };
    }
}
