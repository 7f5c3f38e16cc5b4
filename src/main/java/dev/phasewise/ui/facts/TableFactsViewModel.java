package dev.phasewise.ui.facts;

import dev.phasewise.analysis.StatementResult;
import dev.phasewise.analysis.cost.TableEffect;
import dev.phasewise.db.catalog.TableSnapshot;
import dev.phasewise.plan.steps.Step;
import dev.phasewise.ui.BackgroundWork;
import dev.phasewise.ui.UiTasks;
import dev.phasewise.ui.conn.ConnectedDatabase;
import dev.phasewise.ui.window.MainViewModel;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

import java.time.Duration;
import java.util.Optional;

/**
 * Which table the selected step mainly touches (its strongest lock on an existing table), and that
 * table's facts and current lockers, read in the background whenever the step, the connection or
 * its catalog changes. A slower, older read never replaces a newer one.
 */
public final class TableFactsViewModel {
    private final MainViewModel main;
    private final BackgroundWork tasks;
    private final ObjectProperty<TableSnapshot> snapshot = new SimpleObjectProperty<>();
    private final StringProperty message = new SimpleStringProperty("");
    private long generation;

    public TableFactsViewModel(MainViewModel main, BackgroundWork tasks) {
        this.main = main;
        this.tasks = tasks;
        main.selectedStepProperty().addListener((o, a, b) -> refresh());
        main.catalogLoadedProperty().addListener((o, a, b) -> refresh());
        main.connectionProperty().addListener((o, a, b) -> refresh());
        main.analysisProperty().addListener((o, a, b) -> {
            if (snapshot.get() == null) {
                refresh();
            }
        });
        refresh();
    }

    /** The facts shown; null while reading or when there is nothing to show (the message says why). */
    public ObjectProperty<TableSnapshot> snapshotProperty() {
        return snapshot;
    }

    /** Why there are no facts, or what is being read; empty when facts are shown. */
    public StringProperty messageProperty() {
        return message;
    }

    public void refresh() {
        long g = ++generation;
        ConnectedDatabase c = main.connectionProperty().get();
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
        tasks.run("table facts", () -> TableSnapshot.read(c.database(), table.get(), Duration.ofSeconds(10)), snap -> {
            if (g == generation) {
                message.set(snap.isEmpty() ? table.get() + " does not exist on this database (yet)" : "");
                snapshot.set(snap.orElse(null));
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
}
