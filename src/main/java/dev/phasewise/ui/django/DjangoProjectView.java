package dev.phasewise.ui.django;

import dev.phasewise.analysis.rules.Severity;
import dev.phasewise.ui.Css;
import dev.phasewise.ui.Icons;
import dev.phasewise.ui.django.DjangoProjectViewModel.AppGroup;
import dev.phasewise.ui.django.DjangoProjectViewModel.MigrationRow;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.TreeCell;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeView;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * The Django project beside the timeline: its heading, what is happening (its Django running, or why the
 * project cannot be read), and the apps with their migrations in plan order; a click opens one as its SQL.
 */
public final class DjangoProjectView extends VBox {
    private final DjangoProjectViewModel vm;
    private final TreeView<Object> tree = new TreeView<>();
    private BooleanSupplier beforeOpen = () -> true;

    public DjangoProjectView(DjangoProjectViewModel vm) {
        this.vm = vm;
        setId("django-project");
        getStyleClass().add(Css.DJANGO_PROJECT);
        Label title = new Label("Django project");
        title.getStyleClass().add(Css.SECTION_TITLE);
        Button reload = Icons.on(new Button(), Icons.REANALYSE);
        reload.setId("django-reload");
        reload.setTooltip(new Tooltip("Read the project again"));
        reload.setOnAction(e -> vm.reload());
        reload.disableProperty().bind(vm.project().loadingProperty().or(vm.project().directoryProperty().isNull()));
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox top = new HBox(6, title, spacer, reload);
        top.setAlignment(Pos.CENTER_LEFT);

        Label heading = new Label();
        heading.setId("django-heading");
        heading.setWrapText(true);
        heading.textProperty().bind(vm.heading());
        ProgressIndicator busy = new ProgressIndicator();
        busy.setPrefSize(18, 18);
        busy.visibleProperty().bind(vm.project().loadingProperty());
        busy.managedProperty().bind(busy.visibleProperty());
        Label state = new Label();
        state.setId("django-state");
        state.setWrapText(true);
        state.setMaxWidth(Double.MAX_VALUE);
        state.textProperty().bind(vm.state());
        vm.project().errorProperty().addListener((o, old, err) -> {
            state.getStyleClass().remove(Css.DJANGO_ERROR);
            if (err != null) {
                state.getStyleClass().add(Css.DJANGO_ERROR);
            }
        });
        HBox stateLine = new HBox(6, busy, state);
        stateLine.setAlignment(Pos.TOP_LEFT);
        HBox.setHgrow(state, Priority.ALWAYS);

        tree.setId("django-migrations");
        tree.setShowRoot(false);
        tree.setCellFactory(t -> new RowCell());
        tree.getSelectionModel().selectedItemProperty().addListener((o, old, item) -> {
            if (item != null && item.getValue() instanceof MigrationRow row
                    && !row.label().equals(vm.project().openLabelProperty().get())) {
                if (beforeOpen.getAsBoolean()) {
                    vm.open(row);
                } else {
                    // kept the document: the selection goes back to the migration that is open
                    select(vm.project().openLabelProperty().get());
                }
            }
        });
        // another document opened (a file, a sample): no row is selected, so a click on any opens it again
        vm.project().openLabelProperty().addListener((o, old, label) -> select(label));
        VBox.setVgrow(tree, Priority.ALWAYS);
        vm.groupsProperty().addListener((o, old, groups) -> fill(groups));
        fill(vm.groupsProperty().get());
        getChildren().addAll(top, heading, stateLine, tree);
        setMinWidth(220);
        setPrefWidth(320);
    }

    /** Asked before a migration replaces the open document (unsaved changes: save, discard or cancel). */
    public void setBeforeOpen(BooleanSupplier beforeOpen) {
        this.beforeOpen = beforeOpen;
    }

    private void fill(List<AppGroup> groups) {
        TreeItem<Object> root = new TreeItem<>("project");
        for (AppGroup g : groups) {
            TreeItem<Object> app = new TreeItem<>(g);
            // Django's own apps (auth, contenttypes) are in the plan too, folded away
            app.setExpanded(g.own());
            for (MigrationRow r : g.migrations()) {
                app.getChildren().add(new TreeItem<>(r));
            }
            root.getChildren().add(app);
        }
        tree.setRoot(root);
        select(vm.project().openLabelProperty().get());
    }

    private void select(String label) {
        if (tree.getRoot() == null) {
            return;
        }
        if (label == null) {
            tree.getSelectionModel().clearSelection();
            return;
        }
        for (TreeItem<Object> app : tree.getRoot().getChildren()) {
            for (TreeItem<Object> m : app.getChildren()) {
                if (m.getValue() instanceof MigrationRow r && r.label().equals(label)) {
                    tree.getSelectionModel().select(m);
                    return;
                }
            }
        }
    }

    private static final class RowCell extends TreeCell<Object> {
        @Override
        protected void updateItem(Object item, boolean empty) {
            super.updateItem(item, empty);
            setText(null);
            setGraphic(null);
            setTooltip(null);
            if (empty || item == null) {
                return;
            }
            if (item instanceof AppGroup g) {
                Label name = new Label(g.app());
                name.getStyleClass().add(Css.STEP_TITLE);
                Label count = new Label(g.migrations().size() + (g.migrations().size() == 1 ? " migration" : " migrations"));
                count.getStyleClass().add(Css.MUTED);
                setGraphic(new HBox(8, name, count));
            } else if (item instanceof MigrationRow r) {
                Label applied = new Label(r.applied() == null ? "" : r.applied() ? "✓" : "○");
                applied.getStyleClass().add(Boolean.TRUE.equals(r.applied()) ? Css.DJANGO_APPLIED : Css.MUTED);
                applied.setMinWidth(r.applied() == null ? 0 : 14);
                Label name = new Label(r.text());
                name.getStyleClass().add("django-migration");
                Label badge = new Label(r.badge());
                badge.getStyleClass().addAll("django-findings", r.worst() == null ? Css.MUTED : severityClass(r.worst()));
                // the findings under the name: a narrow panel still shows both whole
                HBox box = new HBox(6, applied, new VBox(1, name, badge));
                box.setAlignment(Pos.TOP_LEFT);
                box.setId("django-row-" + r.label().replaceAll("[^A-Za-z0-9_-]", "_"));
                setGraphic(box);
                setTooltip(new Tooltip(r.label() + (r.migration().file() == null ? "" : "\n" + r.migration().file())
                        + (r.applied() == null ? "" : r.applied() ? "\napplied on the connected database"
                        : "\nnot applied on the connected database")
                        + (r.migration().atomic() ? "" : "\natomic = False")
                        + (r.migration().sqlError() == null ? "" : "\n" + r.migration().sqlError())));
            }
        }

        private static String severityClass(Severity s) {
            return switch (s) {
                case ERROR -> Css.FINDING_ERROR;
                case WARNING -> Css.FINDING_WARNING;
                case INFO -> Css.FINDING_INFO;
            };
        }
    }
}
