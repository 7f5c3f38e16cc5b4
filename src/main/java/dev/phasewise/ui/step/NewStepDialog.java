package dev.phasewise.ui.step;

import dev.phasewise.plan.Phase;
import javafx.geometry.Insets;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.layout.GridPane;
import javafx.util.StringConverter;

import java.util.Locale;

/**
 * The first half of "Add step…": which kind, in which phase. The step's fields come next, in the
 * same {@link StepForm} that edits a step of that kind.
 */
public final class NewStepDialog extends Dialog<NewStepDialog.Choice> {
    public static final ButtonType NEXT = new ButtonType("Next…", ButtonBar.ButtonData.OK_DONE);

    public record Choice(StepKinds.Kind kind, Phase phase) {
    }

    private final ChoiceBox<StepKinds.Kind> kind = new ChoiceBox<>();
    private final ChoiceBox<Phase> phase = new ChoiceBox<>();

    /** @param phase the phase offered first (the lane clicked, or the selected step's) */
    public NewStepDialog(Phase phase, String kindName) {
        setTitle("Add step");
        setHeaderText("Add a step: choose its kind and phase");
        kind.getItems().setAll(StepKinds.all());
        kind.setId("new-step-kind");
        kind.getSelectionModel().select(StepKinds.of(kindName));
        this.phase.getItems().setAll(Phase.inOrder());
        this.phase.setId("new-step-phase");
        this.phase.setConverter(new StringConverter<>() {
            @Override
            public String toString(Phase p) {
                return p == null ? "" : p.label();
            }

            @Override
            public Phase fromString(String s) {
                return Phase.valueOf(s.toUpperCase(Locale.ROOT));
            }
        });
        this.phase.getSelectionModel().select(phase);
        GridPane g = new GridPane();
        g.setHgap(8);
        g.setVgap(6);
        g.setPadding(new Insets(10));
        g.addRow(0, new Label("Kind"), kind);
        g.addRow(1, new Label("Phase"), this.phase);
        Label where = new Label("It goes after the selected step when that is in the same phase, else at the phase's end.");
        where.setWrapText(true);
        where.setMaxWidth(360);
        g.add(where, 0, 2, 2, 1);
        getDialogPane().setContent(g);
        getDialogPane().getButtonTypes().addAll(NEXT, ButtonType.CANCEL);
        setResultConverter(bt -> bt == NEXT ? new Choice(kind.getValue(), this.phase.getValue()) : null);
    }

    public ChoiceBox<StepKinds.Kind> kindChoice() {
        return kind;
    }

    public ChoiceBox<Phase> phaseChoice() {
        return phase;
    }
}
