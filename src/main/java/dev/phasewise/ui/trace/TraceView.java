package dev.phasewise.ui.trace;

import dev.phasewise.analysis.cost.TableEffect;
import dev.phasewise.db.TracedEffect;
import dev.phasewise.db.trace.TracedFile;
import dev.phasewise.db.trace.TracedStatement;
import dev.phasewise.plan.steps.Step;
import dev.phasewise.ui.Css;
import dev.phasewise.ui.window.MainViewModel;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * The lock panel's "Observed (trace)" section: per statement and table, the lock, rewrite and scan
 * the analysis predicted beside what PostgreSQL took, each row marked as agreeing (✓) or not (✗),
 * the disagreements in words, and how the statement was traced. Progress while a trace runs, the
 * refusal or error when it failed, a hint when the step has not been traced.
 */
public final class TraceView extends VBox {
    public static final String AGREES = "trace-agrees";
    public static final String DISAGREES = "trace-disagrees";

    private final MainViewModel vm;
    private final TraceViewModel trace;

    public TraceView(MainViewModel vm, TraceViewModel trace) {
        super(6);
        this.vm = vm;
        this.trace = trace;
        setId("trace-view");
        vm.selectedStepProperty().addListener((o, a, b) -> rebuild());
        vm.connectionProperty().addListener((o, a, b) -> rebuild());
        trace.resultProperty().addListener((o, a, b) -> rebuild());
        trace.runningProperty().addListener((o, a, b) -> rebuild());
        trace.errorProperty().addListener((o, a, b) -> rebuild());
        rebuild();
    }

    private void rebuild() {
        getChildren().clear();
        Step step = vm.selectedStepProperty().get();
        if (step == null) {
            return;
        }
        Label title = new Label("Observed (trace)");
        title.getStyleClass().add(Css.SECTION_TITLE);
        getChildren().add(title);
        if (trace.runningProperty().get() && trace.tracingProperty().get() == step) {
            ProgressIndicator p = new ProgressIndicator();
            p.setPrefSize(18, 18);
            Label m = new Label(trace.messageProperty().get());
            m.setWrapText(true);
            getChildren().add(new HBox(8, p, m));
            return;
        }
        if (trace.errorProperty().get() != null) {
            Label e = new Label(trace.errorProperty().get());
            e.setId("trace-error");
            e.getStyleClass().add(Css.FINDING_ERROR);
            e.setWrapText(true);
            getChildren().add(e);
            return;
        }
        TracedFile file = trace.resultFor(step);
        if (file == null) {
            getChildren().add(muted(vm.connectionProperty().get() == null
                    ? "Connect to a staging database, then Trace (Ctrl+Shift+T) to see the locks PostgreSQL really takes."
                    : "Trace (Ctrl+Shift+T) runs the step on the database in a rolled-back transaction and shows "
                    + "the locks PostgreSQL really takes beside the prediction."));
            return;
        }
        long n = file.disagreementCount();
        Label verdict = new Label(n == 0 ? "✓ PostgreSQL agrees with the analysis"
                : "✗ " + n + (n == 1 ? " disagreement" : " disagreements") + " with the analysis");
        verdict.setId("trace-verdict");
        verdict.getStyleClass().add(n == 0 ? AGREES : DISAGREES);
        getChildren().add(verdict);
        for (TracedStatement s : file.statements()) {
            getChildren().add(statement(s, file.statements().size() > 1));
        }
        if (!file.leftBehind().isEmpty()) {
            Label left = new Label("Left behind: " + String.join("; ", file.leftBehind()));
            left.getStyleClass().add(Css.FINDING_ERROR);
            left.setWrapText(true);
            getChildren().add(left);
        }
        file.deadRows().forEach((table, rows) -> getChildren().add(muted(rows + " dead row version"
                + (rows == 1 ? "" : "s") + " left in " + table + " until VACUUM (written and rolled back by the trace)")));
    }

    private VBox statement(TracedStatement s, boolean several) {
        VBox box = new VBox(4);
        box.getStyleClass().addAll(Css.LOCK_CARD, "trace-card");
        if (several) {
            Label sql = new Label(oneLine(s.predicted().sql()));
            sql.getStyleClass().add(Css.STEP_META);
            box.getChildren().add(sql);
        }
        if (!s.traced()) {
            box.getChildren().add(muted(s.note()));
            return box;
        }
        Map<String, TableEffect> predicted = new LinkedHashMap<>();
        s.predicted().tables().forEach(t -> predicted.merge(t.name(), t, (a, b) -> a.lock().strongerThan(b.lock()) ? a : b));
        Map<String, TracedEffect> observed = new LinkedHashMap<>();
        s.observed().tables().forEach(t -> observed.put(t.name(), t));
        Set<String> names = new LinkedHashSet<>(predicted.keySet());
        names.addAll(observed.keySet());
        GridPane g = new GridPane();
        g.setHgap(10);
        g.setVgap(2);
        g.addRow(0, header("table"), header("predicted"), header("observed"), header(""));
        int row = 1;
        for (String name : names) {
            boolean agrees = s.disagreements().stream().noneMatch(d -> d.startsWith(name + ":"));
            Label mark = new Label(agrees ? "✓" : "✗");
            mark.getStyleClass().add(agrees ? AGREES : DISAGREES);
            g.addRow(row++, new Label(name), new Label(describe(predicted.get(name))),
                    new Label(describe(observed.get(name))), mark);
        }
        if (names.isEmpty()) {
            box.getChildren().add(muted("No lock on an existing table, predicted or observed."));
        } else {
            box.getChildren().add(g);
        }
        for (String d : s.disagreements()) {
            Label l = new Label("✗ " + d);
            l.getStyleClass().add(DISAGREES);
            l.setWrapText(true);
            box.getChildren().add(l);
        }
        if (s.note() != null) {
            box.getChildren().add(muted(s.note()));
        }
        if (s.traced()) {
            s.observed().notes().forEach(n -> box.getChildren().add(muted(n)));
        }
        return box;
    }

    private static String describe(TableEffect e) {
        return e == null ? "no lock" : e.lock().pgName() + flags(e.rewrite(), e.scan());
    }

    private static String describe(TracedEffect e) {
        return e == null ? "no new lock" : e.lock().pgName() + flags(e.rewrite(), e.scan());
    }

    private static String flags(boolean rewrite, boolean scan) {
        return rewrite ? " · rewrite" : scan ? " · scan" : "";
    }

    private static Label header(String text) {
        Label l = new Label(text);
        l.getStyleClass().add(Css.MUTED);
        return l;
    }

    private static Label muted(String text) {
        Label l = new Label(text);
        l.getStyleClass().add(Css.MUTED);
        l.setWrapText(true);
        return l;
    }

    private static String oneLine(String sql) {
        String s = sql == null ? "" : sql.strip().replaceAll("\\s+", " ");
        return s.length() > 90 ? s.substring(0, 87) + "..." : s;
    }
}
