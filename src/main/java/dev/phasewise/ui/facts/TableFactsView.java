package dev.phasewise.ui.facts;

import dev.phasewise.analysis.StatementResult;
import dev.phasewise.analysis.TableEffect;
import dev.phasewise.analysis.cost.Bytes;
import dev.phasewise.db.catalog.LiveContext;
import dev.phasewise.db.catalog.TableFacts;
import dev.phasewise.db.catalog.TableFactsReader;
import dev.phasewise.plan.steps.Step;
import dev.phasewise.ui.Css;
import dev.phasewise.ui.UiTasks;
import dev.phasewise.ui.app.MainViewModel;
import dev.phasewise.ui.conn.Connection;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

import java.time.Duration;
import java.util.Optional;

/**
 * The catalog facts of the selected step's main table (size, rows, indexes, constraints) and who
 * holds or waits for locks on it right now; read in the background, again on "Refresh".
 */
public final class TableFactsView extends ScrollPane {
    /** Facts plus the live lock context, read together. */
    public record Snapshot(TableFacts facts, LiveContext live) {
    }

    private final MainViewModel main;
    private final ObjectProperty<Snapshot> snapshot = new SimpleObjectProperty<>();
    private final StringProperty message = new SimpleStringProperty("");
    private final VBox content = new VBox(6);
    private long generation;

    public TableFactsView(MainViewModel main) {
        this.main = main;
        setId("table-facts");
        setFitToWidth(true);
        content.setPadding(new Insets(8));
        setContent(content);
        main.selectedStepProperty().addListener((o, a, b) -> refresh());
        main.catalogLoadedProperty().addListener((o, a, b) -> refresh());
        main.connectionProperty().addListener((o, a, b) -> refresh());
        main.analysisProperty().addListener((o, a, b) -> {
            if (snapshot.get() == null) {
                refresh();
            }
        });
        snapshot.addListener((o, a, b) -> render());
        message.addListener((o, a, b) -> render());
        refresh();
    }

    public ObjectProperty<Snapshot> snapshotProperty() {
        return snapshot;
    }

    public void refresh() {
        long g = ++generation;
        Connection c = main.connectionProperty().get();
        Optional<String> table = mainTable(main.selectedStepProperty().get());
        snapshot.set(null);
        if (c == null) {
            message.set("Connect to a database to see the table's size, indexes, constraints and current locks.");
            return;
        }
        if (table.isEmpty()) {
            message.set("The selected step touches no existing table.");
            return;
        }
        message.set("Reading " + table.get() + "…");
        main.tasks().run("table facts", () -> {
            try (java.sql.Connection s = c.database().newSession()) {
                Optional<TableFacts> f = new TableFactsReader(s).read(table.get(), false);
                if (f.isEmpty()) {
                    return null;
                }
                return new Snapshot(f.get(), LiveContext.read(s, f.get().name(), Duration.ofSeconds(10)));
            }
        }, snap -> {
            if (g == generation) {
                message.set(snap == null ? table.get() + " does not exist on this database (yet)" : "");
                snapshot.set(snap);
            }
        }, failure -> {
            if (g == generation) {
                message.set("Cannot read " + table.get() + ": " + UiTasks.describe(failure));
            }
        });
    }

    private Optional<String> mainTable(Step step) {
        if (step == null) {
            return Optional.empty();
        }
        TableEffect best = null;
        for (StatementResult r : main.analysisProperty().get().of(step)) {
            for (TableEffect e : r.tables()) {
                if (e.preexisting() && (best == null || e.lock().strongerThan(best.lock()))) {
                    best = e;
                }
            }
        }
        return Optional.ofNullable(best).map(TableEffect::name);
    }

    private void render() {
        content.getChildren().clear();
        Label title = new Label("Table facts");
        title.getStyleClass().add(Css.SECTION_TITLE);
        Button refresh = new Button("Refresh");
        refresh.setId("facts-refresh");
        refresh.setOnAction(e -> refresh());
        content.getChildren().add(new HBox(8, title, refresh));
        if (!message.get().isEmpty()) {
            content.getChildren().add(wrap(message.get(), Css.MUTED));
        }
        Snapshot s = snapshot.get();
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
