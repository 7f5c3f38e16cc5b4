package dev.phasewise.ui.step;

import dev.phasewise.analysis.DropInFix;
import dev.phasewise.analysis.StatementResult;
import dev.phasewise.analysis.cost.Bytes;
import dev.phasewise.analysis.cost.DurationEstimate;
import dev.phasewise.analysis.cost.TableEffect;
import dev.phasewise.analysis.pg.LockMode;
import dev.phasewise.analysis.rules.Finding;
import dev.phasewise.analysis.schema.TableSize;
import dev.phasewise.plan.steps.RawSql;
import dev.phasewise.plan.steps.Step;
import dev.phasewise.ui.Css;
import dev.phasewise.ui.model.Durations;
import dev.phasewise.ui.window.MainViewModel;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What the selected step does to each table: lock mode, what it blocks in words and as a small
 * matrix, rewrite / scan, size and rows (from the catalog when connected), estimated time under the
 * lock, and the step's findings with their fixes ("apply fix" when the fix is a drop-in statement).
 */
public final class LockPanel extends ScrollPane {
    /** The application's statements, by the table lock each takes. */
    static final List<Map.Entry<String, LockMode>> TRAFFIC = List.of(
            Map.entry("SELECT", LockMode.ACCESS_SHARE),
            Map.entry("SELECT FOR UPDATE", LockMode.ROW_SHARE),
            Map.entry("INSERT / UPDATE / DELETE", LockMode.ROW_EXCLUSIVE),
            Map.entry("DDL (ALTER, DROP)", LockMode.ACCESS_EXCLUSIVE));

    private final MainViewModel vm;
    private final VBox content = new VBox(10);
    private final Node observed;

    public LockPanel(MainViewModel vm) {
        this(vm, null);
    }

    /** @param observed shown after the predicted locks (the trace's observed locks), or null */
    public LockPanel(MainViewModel vm, Node observed) {
        this.vm = vm;
        this.observed = observed;
        setId("lock-panel");
        content.setPadding(new Insets(8));
        setContent(content);
        setFitToWidth(true);
        vm.selectedStepProperty().addListener((o, a, b) -> rebuild());
        vm.analysisProperty().addListener((o, a, b) -> rebuild());
        rebuild();
    }

    private void rebuild() {
        content.getChildren().clear();
        Step step = vm.selectedStepProperty().get();
        Label title = new Label("Locks");
        title.getStyleClass().add(Css.SECTION_TITLE);
        content.getChildren().add(title);
        if (step == null) {
            content.getChildren().add(muted("Select a step in the timeline."));
            return;
        }
        List<StatementResult> results = vm.analysisProperty().get().of(step);
        boolean several = results.size() > 1;
        boolean anyLock = false;
        // one card per statement and table: a step's statements take different locks (a NOT VALID
        // check, its VALIDATE, SET NOT NULL), and what is held while scanning is what matters
        for (StatementResult r : results) {
            if (r.tables().isEmpty()) {
                continue;
            }
            anyLock = true;
            if (several) {
                Label stmt = new Label(oneLine(r.sql()));
                stmt.getStyleClass().add(Css.STEP_META);
                content.getChildren().add(stmt);
            }
            Map<String, TableEffect> byTable = new LinkedHashMap<>();
            for (TableEffect e : r.tables()) {
                byTable.merge(e.name(), e, (a, b) -> new TableEffect(a.name(), a.relation(),
                        LockMode.strongest(a.lock(), b.lock()), a.rewrite() || b.rewrite(), a.scan() || b.scan()));
            }
            for (TableEffect e : byTable.values()) {
                content.getChildren().add(card(e, r.estimateFor(e.name()).orElse(null)));
            }
        }
        if (!anyLock) {
            content.getChildren().add(muted(results.isEmpty() ? "Not analysed yet." : "Takes no lock on an existing table."));
        }
        if (observed != null) {
            content.getChildren().add(observed);
        }
        List<Finding> findings = new ArrayList<>();
        List<StatementResult> owners = new ArrayList<>();
        for (StatementResult r : results) {
            for (Finding f : r.findings()) {
                findings.add(f);
                owners.add(r);
            }
            if (r.error() != null) {
                Label err = new Label("Syntax: " + r.error());
                err.getStyleClass().add(Css.FINDING_ERROR);
                err.setWrapText(true);
                content.getChildren().add(err);
            }
        }
        Label ft = new Label(findings.isEmpty() ? "No findings" : "Findings (" + findings.size() + ")");
        ft.getStyleClass().add(Css.SECTION_TITLE);
        content.getChildren().add(ft);
        for (int i = 0; i < findings.size(); i++) {
            content.getChildren().add(finding(step, owners.get(i), findings.get(i)));
        }
    }

    private Region card(TableEffect e, DurationEstimate estimate) {
        VBox card = new VBox(4);
        card.getStyleClass().add(Css.LOCK_CARD);
        Label name = new Label(e.name() + "  " + e.lock().pgName());
        name.getStyleClass().add(Css.STEP_TITLE);
        Label words = new Label(e.preexisting() ? capital(e.lock().effectOn(e.name()))
                : "created by this migration: nobody uses it yet");
        words.setWrapText(true);
        GridPane matrix = new GridPane();
        matrix.setHgap(10);
        matrix.setVgap(2);
        int row = 0;
        for (Map.Entry<String, LockMode> t : TRAFFIC) {
            boolean blocked = e.lock().conflictsWith(t.getValue());
            Label what = new Label(t.getKey());
            Label verdict = new Label(blocked ? "■ blocked" : "□ runs");
            verdict.getStyleClass().add(blocked ? Css.MATRIX_BLOCKED : Css.MATRIX_OK);
            matrix.addRow(row++, what, verdict);
        }
        List<String> facts = new ArrayList<>();
        facts.add(e.rewrite() ? "rewrites the table" : "no rewrite");
        facts.add(e.scan() ? "scans the table" : "no scan");
        TableSize size = e.relation().size();
        if (size != null && size.known()) {
            facts.add(Bytes.rows(size.rows()) + " rows, " + Bytes.table(size));
        } else {
            facts.add(vm.connectionProperty().get() == null ? "size: connect to read it" : "size unknown");
        }
        Label factLine = new Label(String.join(" · ", facts));
        factLine.getStyleClass().add(Css.MUTED);
        factLine.setWrapText(true);
        Label est = new Label(estimate != null ? "Estimated under the lock: " + Durations.seconds(estimate.seconds())
                + " (" + estimate.work().words() + " of " + estimate.workSize() + ")"
                : vm.connectionProperty().get() == null ? "Estimated time: connect to a database to estimate"
                : e.rewrite() || e.scan() ? "Estimated time: waiting for the catalog and throughput probe"
                : "Estimated time under the lock: about as long as taking it (no scan, no rewrite)");
        est.setWrapText(true);
        card.getChildren().addAll(name, words, matrix, factLine, est);
        return card;
    }

    private Region finding(Step step, StatementResult owner, Finding f) {
        VBox box = new VBox(3);
        box.getStyleClass().add(switch (f.severity()) {
            case ERROR -> Css.FINDING_ERROR;
            case WARNING -> Css.FINDING_WARNING;
            case INFO -> Css.FINDING_INFO;
        });
        box.getStyleClass().add("finding-card");
        Label head = new Label(f.severity().label().toUpperCase(Locale.ROOT) + "  " + f.rule().id() + " "
                + f.rule().name());
        head.getStyleClass().add(Css.STEP_TITLE);
        Label msg = new Label(f.message());
        msg.setWrapText(true);
        box.getChildren().addAll(head, msg);
        if (f.fix() != null) {
            Label fix = new Label("Fix: " + f.fix());
            fix.setWrapText(true);
            fix.getStyleClass().add(Css.MUTED);
            box.getChildren().add(fix);
            if (step instanceof RawSql raw && DropInFix.test(f.fix())) {
                Button apply = new Button("Apply fix");
                apply.getStyleClass().add("apply-fix");
                apply.setOnAction(e -> applyFix(raw, owner, f.fix()));
                box.getChildren().add(new HBox(apply));
            }
        }
        return box;
    }

    private void applyFix(RawSql step, StatementResult owner, String fix) {
        String sql = step.sql();
        String stmt = owner.sql().strip();
        int at = sql.indexOf(stmt);
        if (at < 0) {
            vm.statusProperty().set("The statement changed since it was analysed; re-analyse (F5) and try again");
            return;
        }
        String rest = sql.substring(at + stmt.length());
        String fixed = fix.strip();
        if (rest.startsWith(";") && fixed.endsWith(";")) {
            fixed = fixed.substring(0, fixed.length() - 1);
        }
        String edited = sql.substring(0, at) + fixed + rest;
        vm.replaceSelected(new RawSql(step.id(), step.title(), edited, step.rollbackSql(), step.verifySql()));
        vm.statusProperty().set("Applied the fix of " + step.id());
    }

    private static String oneLine(String sql) {
        String s = sql == null ? "" : sql.strip().replaceAll("\\s+", " ");
        return s.length() > 90 ? s.substring(0, 87) + "..." : s;
    }

    private static Label muted(String text) {
        Label l = new Label(text);
        l.getStyleClass().add(Css.MUTED);
        l.setWrapText(true);
        return l;
    }

    private static String capital(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
