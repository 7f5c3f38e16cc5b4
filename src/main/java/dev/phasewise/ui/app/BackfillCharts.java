package dev.phasewise.ui.app;

import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;

/**
 * The live backfill's two small charts: rows per second and batch p99 latency over the seconds
 * since the step's first progress. Points arrive coalesced (at most 10 a second) and the series
 * keep the last {@value #MAX_POINTS}, so a long backfill neither floods the FX thread nor grows
 * without bound.
 */
final class BackfillCharts extends HBox {
    static final int MAX_POINTS = 600;
    private final XYChart.Series<Number, Number> rate = new XYChart.Series<>();
    private final XYChart.Series<Number, Number> latency = new XYChart.Series<>();
    private String stepId;
    private long startNanos;

    BackfillCharts() {
        super(8);
        getChildren().addAll(chart("rows/s", rate), chart("batch p99 (ms)", latency));
        setId("backfill-charts");
    }

    private static LineChart<Number, Number> chart(String title, XYChart.Series<Number, Number> series) {
        NumberAxis x = new NumberAxis();
        x.setLabel("s");
        x.setForceZeroInRange(false);
        NumberAxis y = new NumberAxis();
        LineChart<Number, Number> c = new LineChart<>(x, y);
        c.setTitle(title);
        c.setAnimated(false);
        c.setCreateSymbols(false);
        c.setLegendVisible(false);
        c.setPrefHeight(150);
        c.setMinHeight(120);
        c.getData().add(series);
        HBox.setHgrow(c, Priority.ALWAYS);
        return c;
    }

    void add(MainViewModel.BackfillProgress p) {
        if (!p.stepId().equals(stepId)) {
            stepId = p.stepId();
            startNanos = System.nanoTime();
            rate.getData().clear();
            latency.getData().clear();
        }
        double t = (System.nanoTime() - startNanos) / 1e9;
        add(rate, t, p.rowsPerSecond());
        add(latency, t, p.batchP99Millis());
    }

    private static void add(XYChart.Series<Number, Number> s, double t, double v) {
        s.getData().add(new XYChart.Data<>(t, v));
        if (s.getData().size() > MAX_POINTS) {
            s.getData().remove(0);
        }
    }

    int points() {
        return rate.getData().size();
    }
}
