package dev.phasewise.ui.explain;

import dev.phasewise.db.explain.ExplainResult;
import dev.phasewise.db.explain.ExplainWarning;
import dev.phasewise.db.explain.PlanNode;
import dev.phasewise.plan.steps.CreateIndex;
import dev.phasewise.plan.steps.Step;
import dev.phasewise.ui.Css;
import dev.phasewise.ui.window.MainViewModel;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeTableCell;
import javafx.scene.control.TreeTableColumn;
import javafx.scene.control.TreeTableRow;
import javafx.scene.control.TreeTableView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

import java.util.List;
import java.util.Locale;

/**
 * The plan tree of the selected step's EXPLAIN: node, rows, cost and time drawn as bars relative
 * to the root, sequential scans highlighted, warnings below. For a create-index step: a query field
 * and "compare before/after".
 */
public final class ExplainView extends VBox {
    private final MainViewModel main;
    private final ExplainViewModel vm;
    private final TreeTableView<PlanNode> tree = new TreeTableView<>();
    private final TreeTableView<PlanNode> afterTree = new TreeTableView<>();
    private final Label message = new Label();
    private final ListView<ExplainWarning> warnings = new ListView<>();
    private final HBox compareBar;

    public ExplainView(MainViewModel main, ExplainViewModel vm) {
        super(6);
        this.main = main;
        this.vm = vm;
        setId("explain-view");
        setPadding(new Insets(6));
        Label title = new Label("EXPLAIN");
        title.getStyleClass().add(Css.SECTION_TITLE);
        Button refresh = new Button("Explain");
        refresh.setId("explain-button");
        refresh.setOnAction(e -> explainSelected());
        message.setWrapText(true);
        message.getStyleClass().add(Css.MUTED);
        message.textProperty().bind(vm.messageProperty());
        TextField query = new TextField();
        query.setId("compare-query");
        query.setPromptText("a query the index is for, e.g. SELECT ... WHERE published_at > now() - interval '1 day'");
        query.textProperty().bindBidirectional(vm.queryProperty());
        HBox.setHgrow(query, Priority.ALWAYS);
        Button compare = new Button("Compare before/after");
        compare.setId("compare-button");
        compare.setOnAction(e -> {
            if (main.selectedStepProperty().get() instanceof CreateIndex ci) {
                vm.compare(ci, query.getText(), main.connectionProperty().get());
            }
        });
        compareBar = new HBox(6, query, compare);
        setup(tree, "explain-tree");
        setup(afterTree, "explain-after-tree");
        afterTree.setVisible(false);
        afterTree.setManaged(false);
        warnings.setId("explain-warnings");
        warnings.setItems(vm.warnings());
        warnings.setMinHeight(36);
        warnings.setCellFactory(l -> new ListCell<>() {
            @Override
            protected void updateItem(ExplainWarning w, boolean empty) {
                super.updateItem(w, empty);
                setText(empty || w == null ? null : w.code() + ": " + w.message() + (w.fix() == null ? "" : " — " + w.fix()));
                setWrapText(true);
                setPrefWidth(0);
            }
        });
        warnings.setPlaceholder(new Label("No warnings"));
        // only as tall as its warnings (none: hidden), so the plan tree keeps the room
        warnings.visibleProperty().bind(Bindings.isNotEmpty(vm.warnings()));
        warnings.managedProperty().bind(warnings.visibleProperty());
        warnings.prefHeightProperty().bind(Bindings.min(120,
                Bindings.size(vm.warnings()).multiply(30).add(6)));
        HBox trees = new HBox(6, tree, afterTree);
        HBox.setHgrow(tree, Priority.ALWAYS);
        HBox.setHgrow(afterTree, Priority.ALWAYS);
        VBox.setVgrow(trees, Priority.ALWAYS);
        CheckBox analyze = new CheckBox("ANALYZE (runs it, rolled back)");
        analyze.setId("explain-analyze");
        analyze.setTooltip(new Tooltip("Executes the statement inside a transaction that is "
                + "rolled back, to show real times; only on a staging database"));
        analyze.selectedProperty().bindBidirectional(vm.analyzeProperty());
        analyze.disableProperty().bind(Bindings.createBooleanBinding(() ->
                main.connectionProperty().get() == null || !main.connectionProperty().get().staging(),
                main.connectionProperty()));
        analyze.selectedProperty().addListener((o, a, b) -> explainSelected());
        HBox head = new HBox(8, title, refresh, analyze);
        head.setAlignment(Pos.CENTER_LEFT);
        title.setMinWidth(Region.USE_PREF_SIZE);
        refresh.setMinWidth(Region.USE_PREF_SIZE);
        analyze.setMinWidth(Region.USE_PREF_SIZE);
        message.setMinHeight(Region.USE_PREF_SIZE);
        getChildren().addAll(head, message, compareBar, trees, warnings);
        vm.resultProperty().addListener((o, a, b) -> fill(tree, b));
        vm.afterProperty().addListener((o, a, b) -> {
            fill(afterTree, b);
            afterTree.setVisible(b != null);
            afterTree.setManaged(b != null);
        });
        main.selectedStepProperty().addListener((o, a, b) -> explainSelected());
        main.connectionProperty().addListener((o, a, b) -> explainSelected());
        explainSelected();
    }

    private void explainSelected() {
        Step s = main.selectedStepProperty().get();
        boolean index = s instanceof CreateIndex;
        compareBar.setVisible(index);
        compareBar.setManaged(index);
        vm.explain(s, main.connectionProperty().get());
    }

    private static void setup(TreeTableView<PlanNode> t, String id) {
        t.setId(id);
        t.setShowRoot(true);
        t.setColumnResizePolicy(TreeTableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        t.setPlaceholder(new Label("No plan"));
        TreeTableColumn<PlanNode, String> node = new TreeTableColumn<>("Node");
        node.setPrefWidth(260);
        node.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(label(c.getValue().getValue())));
        TreeTableColumn<PlanNode, PlanNode> rows = new TreeTableColumn<>("Rows");
        rows.setPrefWidth(80);
        rows.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().getValue()));
        rows.setCellFactory(c -> new TreeTableCell<>() {
            @Override
            protected void updateItem(PlanNode n, boolean empty) {
                super.updateItem(n, empty);
                setText(empty || n == null ? null : String.format(Locale.ROOT, "%,.0f",
                        n.actualRows() != null ? n.actualRows() : n.planRows()));
            }
        });
        TreeTableColumn<PlanNode, PlanNode> cost = new TreeTableColumn<>("Cost");
        cost.setPrefWidth(160);
        cost.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().getValue()));
        cost.setCellFactory(c -> new BarCell(false));
        TreeTableColumn<PlanNode, PlanNode> time = new TreeTableColumn<>("Time");
        time.setPrefWidth(150);
        time.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().getValue()));
        time.setCellFactory(c -> new BarCell(true));
        t.getColumns().setAll(List.of(node, rows, cost, time));
        t.setRowFactory(v -> new TreeTableRow<>() {
            @Override
            protected void updateItem(PlanNode n, boolean empty) {
                super.updateItem(n, empty);
                getStyleClass().remove(Css.SEQ_SCAN);
                if (!empty && n != null && "Seq Scan".equals(n.nodeType())) {
                    getStyleClass().add(Css.SEQ_SCAN);
                }
            }
        });
    }

    static String label(PlanNode n) {
        StringBuilder b = new StringBuilder(n.displayName());
        if (n.relation() != null && !n.displayName().contains(n.relation())) {
            b.append(" on ").append(n.relation());
        }
        if (n.indexName() != null && !n.displayName().contains(n.indexName())) {
            b.append(" using ").append(n.indexName());
        }
        return b.toString();
    }

    private void fill(TreeTableView<PlanNode> t, ExplainResult r) {
        if (r == null || r.root() == null) {
            t.setRoot(null);
            return;
        }
        t.setRoot(item(r.root()));
        t.setUserData(r.root());
        // the time column only means something for an analysed plan
        t.getColumns().get(3).setVisible(r.analyzed());
    }

    private static TreeItem<PlanNode> item(PlanNode n) {
        TreeItem<PlanNode> i = new TreeItem<>(n);
        i.setExpanded(true);
        n.children().forEach(c -> i.getChildren().add(item(c)));
        return i;
    }

    /** A bar relative to the plan's root (cost) or its slowest node (time), with the figure on it. */
    private static final class BarCell extends TreeTableCell<PlanNode, PlanNode> {
        private final boolean time;

        BarCell(boolean time) {
            this.time = time;
        }

        @Override
        protected void updateItem(PlanNode n, boolean empty) {
            super.updateItem(n, empty);
            setText(null);
            if (empty || n == null) {
                setGraphic(null);
                return;
            }
            PlanNode root = (PlanNode) getTreeTableView().getUserData();
            double value = time ? (n.actualTotalTime() == null ? -1 : n.actualTotalTime()) : n.totalCost();
            double max = root == null ? value : root.flatten().stream().mapToDouble(x -> time
                    ? (x.actualTotalTime() == null ? 0 : x.actualTotalTime()) : x.totalCost()).max().orElse(1);
            if (value < 0) {
                Label l = new Label("not run");
                l.getStyleClass().add(Css.MUTED);
                setGraphic(l);
                return;
            }
            Region bar = new Region();
            bar.getStyleClass().addAll(Css.BAR, time ? Css.BAR_TIME : Css.BAR_COST);
            double frac = max <= 0 ? 0 : Math.min(1, value / max);
            bar.setMaxHeight(12);
            bar.setMinHeight(12);
            Label text = new Label(time ? String.format(Locale.ROOT, value >= 100 ? "%.0f ms" : "%.1f ms", value)
                    : String.format(Locale.ROOT, value >= 1000 ? "%,.0f" : "%,.1f", value));
            StackPane track = new StackPane(bar);
            track.setAlignment(Pos.CENTER_LEFT);
            bar.prefWidthProperty().bind(track.widthProperty().multiply(frac));
            bar.maxWidthProperty().bind(track.widthProperty().multiply(frac));
            track.setPrefWidth(60);
            HBox.setHgrow(track, Priority.ALWAYS);
            HBox box = new HBox(4, track, text);
            box.setAlignment(Pos.CENTER_LEFT);
            setGraphic(box);
        }
    }
}
