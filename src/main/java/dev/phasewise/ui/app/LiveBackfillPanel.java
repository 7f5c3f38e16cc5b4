package dev.phasewise.ui.app;

import dev.phasewise.ui.Css;
import javafx.geometry.Insets;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.layout.VBox;

import java.util.Locale;

/**
 * The live backfill view: a progress bar, the figures (rows, rows/s, batch p99, batch size,
 * retries) and the rows/s and latency charts, all following {@link MainViewModel#backfillProgressProperty()},
 * which the run's coalesced events set on the FX thread.
 */
final class LiveBackfillPanel extends VBox {

    LiveBackfillPanel(MainViewModel vm) {
        super(6);
        Label title = new Label("Live backfill");
        title.getStyleClass().add(Css.SECTION_TITLE);
        ProgressBar progress = new ProgressBar(0);
        progress.setMaxWidth(Double.MAX_VALUE);
        progress.setDisable(true);
        Label figures = new Label("No backfill running. Rows/s, batch p99, batch size and retries show here while "
                + "a run's backfill step works.");
        figures.setWrapText(true);
        figures.getStyleClass().add(Css.MUTED);
        BackfillCharts charts = new BackfillCharts();
        vm.backfillProgressProperty().addListener((o, a, p) -> {
            if (p != null) {
                charts.add(p);
                progress.setDisable(false);
                progress.setProgress(p.fraction());
                figures.setText(String.format(Locale.ROOT, "%s: %,d / %,d rows · %,.0f rows/s · batch p99 %.0f ms "
                        + "· size %,d · retries %d", p.stepId(), p.rowsDone(), p.rowsTotal(), p.rowsPerSecond(),
                        p.batchP99Millis(), p.batchRows(), p.retries()));
            }
        });
        getChildren().addAll(title, progress, figures, charts);
        setId("live-panel");
        getStyleClass().add(Css.LIVE_PANEL);
        setPadding(new Insets(8));
    }
}
