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

/**
 * A deploy gate between two lanes, with its checklist. Idle, the boxes are read-only. When a run waits at
 * the gate it becomes active: the boxes can be ticked, and the run goes on once every item is; "Stop at
 * gate" stops the run there instead (resumable). Items the run recorded as confirmed stay ticked.
 */
final class GateMarker extends VBox {

    GateMarker(Phase after, Gate gate, GateChecklist checklist) {
        super(4);
        getStyleClass().add(Css.GATE);
        setId("gate-" + after.label());
        setMinWidth(170);
        setPrefWidth(200);
        setMaxWidth(220);
        GateChecklist.Active active = checklist.active().get();
        boolean waiting = active != null && active.after() == after;
        boolean passed = gate.checklist().stream().allMatch(i -> checklist.isConfirmed(after, i));
        if (waiting) {
            getStyleClass().add(Css.GATE_ACTIVE);
        } else if (passed) {
            getStyleClass().add(Css.GATE_PASSED);
        }
        Label title = new Label("gate: " + gate.name());
        title.getStyleClass().add(Css.GATE_TITLE);
        title.setWrapText(true);
        getChildren().add(title);
        if (waiting) {
            // the lane is only so tall: the hint goes in a tooltip, the colour and the button say "waiting"
            title.setTooltip(new Tooltip("The run waits at this gate: tick every item to go on, or stop here"));
        }
        int n = 0;
        for (String item : gate.checklist()) {
            CheckBox c = new CheckBox(item);
            c.setId("gate-" + after.label() + "-item-" + n++);
            c.setWrapText(true);
            boolean confirmed = checklist.isConfirmed(after, item);
            c.setSelected(confirmed || waiting && checklist.ticked().contains(item));
            c.setDisable(!waiting || confirmed);
            c.setTooltip(new Tooltip(confirmed ? "Confirmed in this run"
                    : waiting ? "Tick when this is true; the run goes on once every item is ticked"
                    : "Ticked here when a run reaches the gate"));
            c.selectedProperty().addListener((o, was, now) -> checklist.tick(item, now));
            getChildren().add(c);
        }
        if (waiting) {
            Button stop = new Button("Stop at gate");
            stop.setId("gate-" + after.label() + "-stop");
            stop.setTooltip(new Tooltip("Stop the run here, waiting at the gate; it can be resumed later"));
            stop.setOnAction(e -> checklist.stopAtGate());
            getChildren().add(stop);
        }
    }
}
