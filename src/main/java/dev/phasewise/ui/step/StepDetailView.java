package dev.phasewise.ui.step;

import dev.phasewise.analysis.StatementResult;
import dev.phasewise.analysis.rules.Finding;
import dev.phasewise.plan.sql.Action;
import dev.phasewise.plan.sql.Check;
import dev.phasewise.plan.sql.Rollback;
import dev.phasewise.plan.steps.RawSql;
import dev.phasewise.plan.steps.Step;
import dev.phasewise.ui.Css;
import dev.phasewise.ui.window.MainViewModel;
import javafx.geometry.Point2D;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.Tooltip;
import javafx.stage.PopupWindow;
import org.fxmisc.flowless.VirtualizedScrollPane;
import org.fxmisc.richtext.CodeArea;
import org.fxmisc.richtext.LineNumberFactory;
import org.fxmisc.richtext.event.MouseOverTextEvent;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The selected step's SQL: Forward, Rollback and Verify tabs, highlighted by the analysis' lexer.
 * Statements with findings are underlined; hovering one shows its findings and fixes. The forward
 * SQL of a raw statement (and so every statement of a .sql file) is editable, and re-analysed in
 * the background as you type.
 */
public final class StepDetailView extends TabPane {
    private final MainViewModel vm;
    private final CodeArea forward = area("forward-sql");
    private final CodeArea rollback = area("rollback-sql");
    private final CodeArea verify = area("verify-sql");
    private final Tooltip findingTip = new Tooltip();
    private List<SqlHighlighter.Marked> marks = List.of();
    private boolean updating;
    private Step shown;

    public StepDetailView(MainViewModel vm) {
        this.vm = vm;
        setId("step-detail");
        setTabClosingPolicy(TabClosingPolicy.UNAVAILABLE);
        getTabs().addAll(tab("Forward", forward), tab("Rollback", rollback), tab("Verify", verify));
        findingTip.setWrapText(true);
        findingTip.setMaxWidth(520);
        findingTip.setAnchorLocation(PopupWindow.AnchorLocation.WINDOW_TOP_LEFT);
        forward.setMouseOverTextDelay(Duration.ofMillis(350));
        forward.addEventHandler(MouseOverTextEvent.MOUSE_OVER_TEXT_BEGIN, e -> {
            String text = findingsAt(e.getCharacterIndex());
            if (text != null) {
                findingTip.setText(text);
                Point2D p = e.getScreenPosition();
                findingTip.show(forward, p.getX(), p.getY() + 12);
            }
        });
        forward.addEventHandler(MouseOverTextEvent.MOUSE_OVER_TEXT_END, e -> findingTip.hide());
        forward.textProperty().addListener((o, a, b) -> {
            restyle(forward);
            if (!updating && shown instanceof RawSql r) {
                vm.sqlEdited(r, b);
            }
        });
        vm.selectedStepProperty().addListener((o, a, b) -> show(b));
        vm.analysisProperty().addListener((o, a, b) -> refreshMarks());
        show(vm.selectedStepProperty().get());
    }

    public CodeArea forwardArea() {
        return forward;
    }

    private static CodeArea area(String id) {
        CodeArea a = new CodeArea();
        a.setId(id);
        a.getStyleClass().add(Css.SQL_AREA);
        a.setParagraphGraphicFactory(LineNumberFactory.get(a));
        a.setWrapText(true);
        return a;
    }

    private static Tab tab(String name, CodeArea a) {
        Tab t = new Tab(name, new VirtualizedScrollPane<>(a));
        t.setId("tab-" + name.toLowerCase(Locale.ROOT));
        return t;
    }

    private void show(Step step) {
        // the debounced edit of the previous step lands before we switch
        if (shown != null && step != null && !shown.id().equals(step.id())) {
            vm.flushEdits();
        }
        boolean sameStep = shown != null && step != null && shown.id().equals(step.id());
        shown = step;
        updating = true;
        try {
            if (step == null) {
                set(forward, "-- no step selected");
                set(rollback, "");
                set(verify, "");
                forward.setEditable(false);
                return;
            }
            String fwd = forwardText(step);
            if (!forward.getText().equals(fwd) && (!sameStep || !(step instanceof RawSql) || !forward.isFocused())) {
                set(forward, fwd);
            }
            forward.setEditable(step instanceof RawSql);
            set(rollback, rollbackText(step.rollback()));
            set(verify, verifyText(step));
        } catch (IllegalArgumentException e) {
            set(forward, "-- this step cannot generate its SQL: " + e.getMessage());
        } finally {
            updating = false;
        }
        refreshMarks();
    }

    private void set(CodeArea a, String text) {
        if (!a.getText().equals(text)) {
            a.replaceText(text);
            a.moveTo(0);
            a.requestFollowCaret();
        }
        restyle(a);
    }

    static String forwardText(Step step) {
        if (step instanceof RawSql r) {
            return r.sql() == null ? "" : r.sql();
        }
        return step.forward().stream().map(a -> terminated(a.sql()) + (a.transactional() ? ""
                : "\n-- runs outside a transaction block")).collect(Collectors.joining("\n\n"));
    }

    static String rollbackText(Rollback r) {
        if (!r.reversible()) {
            return "-- no rollback: " + r.irreversibleBecause();
        }
        return r.actions().stream().map(Action::sql).map(StepDetailView::terminated).collect(Collectors.joining("\n\n"));
    }

    static String verifyText(Step step) {
        List<Check> checks = step.verify();
        if (checks.isEmpty()) {
            return "-- no verification query";
        }
        return checks.stream().map(c -> "-- " + c.description() + "\n" + terminated(c.sql()))
                .collect(Collectors.joining("\n\n"));
    }

    private static String terminated(String sql) {
        String s = sql.strip();
        return s.endsWith(";") ? s : s + ";";
    }

    private void refreshMarks() {
        Step step = shown;
        List<StatementResult> results = vm.analysisProperty().get().of(step);
        marks = SqlHighlighter.locate(forward.getText(), results);
        restyle(forward);
    }

    private void restyle(CodeArea a) {
        a.setStyleSpans(0, SqlHighlighter.style(a.getText(), a == forward ? marks : List.of()));
    }

    /** The hover text at a character of the forward SQL: its statement's findings and fixes, or null. */
    public String findingsAt(int index) {
        for (SqlHighlighter.Marked m : marks) {
            if (index >= m.start() && index < m.end()) {
                return m.result().findings().stream().map(StepDetailView::describe).collect(Collectors.joining("\n\n"));
            }
        }
        return null;
    }

    static String describe(Finding f) {
        return f.severity().label() + " " + f.rule().id() + " " + f.rule().name() + ": " + f.message()
                + (f.fix() == null ? "" : "\nFix: " + f.fix());
    }

    /** The underlined ranges now shown (for tests and the lock panel's "apply fix"). */
    public List<SqlHighlighter.Marked> marks() {
        return marks;
    }
}
