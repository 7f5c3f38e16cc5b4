package dev.phasewise.ui.facts;

import dev.phasewise.analysis.cost.Bytes;
import dev.phasewise.db.catalog.LiveContext;
import dev.phasewise.db.catalog.TableFacts;
import dev.phasewise.db.catalog.TableSnapshot;
import dev.phasewise.ui.Css;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;


/**
 * The catalog facts of the selected step's main table (size, rows, indexes, constraints) and who
 * holds or waits for locks on it right now, as its {@link TableFactsViewModel} reads them.
 */
public final class TableFactsView extends ScrollPane {
    private final TableFactsViewModel vm;
    private final VBox content = new VBox(6);

    public TableFactsView(TableFactsViewModel vm) {
        this.vm = vm;
        setId("table-facts");
        setFitToWidth(true);
        content.setPadding(new Insets(8));
        setContent(content);
        vm.snapshotProperty().addListener((o, a, b) -> render());
        vm.messageProperty().addListener((o, a, b) -> render());
        render();
    }

    public TableFactsViewModel viewModel() {
        return vm;
    }

    private void render() {
        content.getChildren().clear();
        Label title = new Label("Table facts");
        title.getStyleClass().add(Css.SECTION_TITLE);
        Button refresh = new Button("Refresh");
        refresh.setId("facts-refresh");
        refresh.setOnAction(e -> vm.refresh());
        content.getChildren().add(new HBox(8, title, refresh));
        if (!vm.messageProperty().get().isEmpty()) {
            content.getChildren().add(wrap(vm.messageProperty().get(), Css.MUTED));
        }
        TableSnapshot s = vm.snapshotProperty().get();
        if (s == null) {
            return;
        }
        TableFacts f = s.facts();
        content.getChildren().add(wrap(f.name() + " (" + f.kind() + "): " + Bytes.rows(f.estimatedRows())
                + " rows (estimate), " + Bytes.human(f.totalBytes()) + " — heap " + Bytes.human(f.heapBytes())
                + ", indexes " + Bytes.human(f.indexBytes()) + ", toast " + Bytes.human(f.toastBytes()), null));
        content.getChildren().add(wrap("Indexes", Css.STEP_TITLE));
        f.indexes().forEach(i -> content.getChildren().add(wrap("• " + i.name() + (i.valid() ? "" : " (INVALID)") + " — "
                + Bytes.human(i.bytes()) + "\n   " + i.definition(), null)));
        content.getChildren().add(wrap("Constraints", Css.STEP_TITLE));
        if (f.constraints().isEmpty()) {
            content.getChildren().add(wrap("none", Css.MUTED));
        }
        f.constraints().forEach(c -> content.getChildren().add(wrap("• " + c.name() + (c.validated() ? "" : " (NOT VALID)")
                + ": " + c.definition(), null)));
        content.getChildren().add(wrap("Sessions locking it now", Css.STEP_TITLE));
        LiveContext live = s.live();
        if (live.lockHolders().isEmpty()) {
            content.getChildren().add(wrap("none: a lock would be granted at once", Css.MUTED));
        }
        live.lockHolders().forEach(h -> content.getChildren().add(wrap("• pid " + h.pid() + " " + h.mode()
                + (h.granted() ? " held" : " waiting") + " · " + h.state() + " · " + (h.application() == null ? ""
                : h.application()) + (h.blockedBy().isEmpty() ? "" : " · blocked by " + h.blockedBy()), null)));
        if (!live.longTransactions().isEmpty()) {
            content.getChildren().add(wrap(live.longTransactions().size() + " long transaction(s) open on the server: "
                    + "a migration's lock would queue behind them", Css.FINDING_WARNING));
        }
    }

    private static Label wrap(String text, String style) {
        Label l = new Label(text);
        l.setWrapText(true);
        if (style != null) {
            l.getStyleClass().add(style);
        }
        return l;
    }
}
