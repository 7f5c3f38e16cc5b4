package dev.phasewise.ui.timeline;

import dev.phasewise.plan.Gate;
import dev.phasewise.plan.Phase;
import dev.phasewise.ui.Css;
import dev.phasewise.ui.run.GateChecklist;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.VBox;

import java.util.ArrayList;
import java.util.List;

/**
 * A deploy gate between two lanes, with its checklist. Idle, the boxes are read-only. When a run waits at
 * the gate it becomes active: the boxes can be ticked, and the run goes on once every item is; "Stop at
 * gate" stops the run there instead (resumable). Items the run recorded as confirmed stay ticked.
 *
 * <p>Its nodes are made once and {@link #refresh() refreshed} in place when the gate's state changes: a run
 * passing a gate changes it once per item (ticked, confirmed) just as the next phase starts, and rebuilding
 * the timeline each time (every block, and a tooltip popup with its own scene per box) kept the FX thread
 * busy for 50 - 200 ms as a backfill began (JFR, docs/benchmarks.md).
 */
final class GateMarker extends VBox {
    private final Phase after;
    private final Gate gate;
    private final GateChecklist checklist;
    private final Label title;
    private final Tooltip waitingTip = new Tooltip("The run waits at this gate: tick every item to go on, or stop here");
    private final List<CheckBox> boxes = new ArrayList<>();
    private final List<Tooltip> boxTips = new ArrayList<>();
    private final Button stop = new Button("Stop at gate");
    /** Set while the boxes follow the checklist, so that only the user's clicks tick items. */
    private boolean refreshing;

    GateMarker(Phase after, Gate gate, GateChecklist checklist) {
        super(4);
        this.after = after;
        this.gate = gate;
        this.checklist = checklist;
        getStyleClass().add(Css.GATE);
        setId("gate-" + after.label());
        setMinWidth(170);
        setPrefWidth(200);
        setMaxWidth(220);
        title = new Label("gate: " + gate.name());
        title.getStyleClass().add(Css.GATE_TITLE);
        title.setWrapText(true);
        getChildren().add(title);
        int n = 0;
        for (String item : gate.checklist()) {
            CheckBox c = new CheckBox(item);
            c.setId("gate-" + after.label() + "-item-" + n++);
            c.setWrapText(true);
            Tooltip tip = new Tooltip();
            c.setTooltip(tip);
            c.selectedProperty().addListener((o, was, now) -> {
                if (!refreshing) {
                    checklist.tick(item, now);
                }
            });
            boxes.add(c);
            boxTips.add(tip);
            getChildren().add(c);
        }
        stop.setId("gate-" + after.label() + "-stop");
        stop.setTooltip(new Tooltip("Stop the run here, waiting at the gate; it can be resumed later"));
        stop.setOnAction(e -> checklist.stopAtGate());
        getChildren().add(stop);
        refresh();
    }

    /** Shows the gate's state now: waiting (colour, boxes enabled, the stop button), passed, or idle. */
    void refresh() {
        GateChecklist.Active active = checklist.active().get();
        boolean waiting = active != null && active.after() == after;
        boolean passed = gate.checklist().stream().allMatch(i -> checklist.isConfirmed(after, i));
        getStyleClass().removeAll(Css.GATE_ACTIVE, Css.GATE_PASSED);
        if (waiting) {
            getStyleClass().add(Css.GATE_ACTIVE);
        } else if (passed) {
            getStyleClass().add(Css.GATE_PASSED);
        }
        // the lane is only so tall: the hint goes in a tooltip, the colour and the button say "waiting"
        title.setTooltip(waiting ? waitingTip : null);
        refreshing = true;
        try {
            for (int i = 0; i < boxes.size(); i++) {
                String item = gate.checklist().get(i);
                CheckBox c = boxes.get(i);
                boolean confirmed = checklist.isConfirmed(after, item);
                c.setSelected(confirmed || waiting && checklist.ticked().contains(item));
                c.setDisable(!waiting || confirmed);
                boxTips.get(i).setText(confirmed ? "Confirmed in this run"
                        : waiting ? "Tick when this is true; the run goes on once every item is ticked"
                        : "Ticked here when a run reaches the gate");
            }
        } finally {
            refreshing = false;
        }
        stop.setVisible(waiting);
        stop.setManaged(waiting);
    }
}
