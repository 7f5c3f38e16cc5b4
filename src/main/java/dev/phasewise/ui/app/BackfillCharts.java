package dev.phasewise.ui.app;

import dev.phasewise.run.RunEvent;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;

import java.util.List;

/**
 * The live backfill's two small charts: rows per second and batch p99 latency over the seconds
 * since the step's first progress. Points come at most once per batch (refreshes between batches add none; see add) and the series
 * keep the last {@value #MAX_POINTS}, so a long backfill neither floods the FX thread nor grows
 * without bound. The axes' ranges only grow, by round steps: auto-ranging moved every tick label at
 * every point, and each new tick label is a node to style and lay out on the FX thread.
 */
final class BackfillCharts extends HBox {
    static final int MAX_POINTS = 600;
    private final XYChart.Series<Number, Number> rate = new XYChart.Series<>();
    private final XYChart.Series<Number, Number> latency = new XYChart.Series<>();
    private final LineChart<Number, Number> rateChart;
    private final LineChart<Number, Number> latencyChart;
    private String stepId;
    private long startNanos;
    private long lastRows = -1;
    private double lastRate = Double.NaN;
    private double lastP99 = Double.NaN;

    BackfillCharts() {
        super(8);
        rateChart = chart("rows/s", rate);
        latencyChart = chart("batch p99 (ms)", latency);
        getChildren().addAll(rateChart, latencyChart);
        setId("backfill-charts");
    }

    private static LineChart<Number, Number> chart(String title, XYChart.Series<Number, Number> series) {
        NumberAxis x = new NumberAxis(0, 30, 10);
        x.setLabel("s");
        x.setAutoRanging(false);
        x.setMinorTickVisible(false);
        NumberAxis y = new NumberAxis(0, 10, 5);
        y.setAutoRanging(false);
        y.setMinorTickVisible(false);
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

    /**
     * A point for a progress that measured something new; a refresh between batches (the same rows, rate
     * and p99, only the clock moved on) adds none, so the charts cost what they did at one point per batch.
     */
    void add(RunEvent.BackfillProgress p) {
        double rowsPerSecond = LiveBackfillPanel.rowsPerSecond(p);
        double p99 = LiveBackfillPanel.batchP99Millis(p);
        if (p.stepId().equals(stepId) && p.rowsDone() == lastRows && rowsPerSecond == lastRate && p99 == lastP99) {
            return;
        }
        lastRows = p.rowsDone();
        lastRate = rowsPerSecond;
        lastP99 = p99;
        if (!p.stepId().equals(stepId)) {
            stepId = p.stepId();
            startNanos = System.nanoTime();
            rate.getData().clear();
            latency.getData().clear();
            for (LineChart<Number, Number> c : List.of(rateChart, latencyChart)) {
                range((NumberAxis) c.getXAxis(), 30, 3);
                range((NumberAxis) c.getYAxis(), 10, 2);
            }
        }
        double t = (System.nanoTime() - startNanos) / 1e9;
        add(rate, t, rowsPerSecond);
        add(latency, t, p99);
        double from = rate.getData().get(0).getXValue().doubleValue(); // the oldest point kept
        for (LineChart<Number, Number> c : List.of(rateChart, latencyChart)) {
            NumberAxis x = (NumberAxis) c.getXAxis();
            if (t > x.getUpperBound() || from > x.getLowerBound() + x.getTickUnit()) {
                double lower = Math.floor(from / 10) * 10;
                double span = Math.max(30, roundUp(t - lower));
                x.setLowerBound(lower);
                x.setUpperBound(lower + span);
                x.setTickUnit(span / 3);
            }
        }
        grow((NumberAxis) rateChart.getYAxis(), rowsPerSecond);
        grow((NumberAxis) latencyChart.getYAxis(), p99);
    }

    private static void range(NumberAxis axis, double upper, int ticks) {
        axis.setLowerBound(0);
        axis.setUpperBound(upper);
        axis.setTickUnit(upper / ticks);
    }

    /** Raises the axis to the next round value above v (1, 2 or 5 times a power of ten); never lowers it. */
    private static void grow(NumberAxis axis, double v) {
        if (v > axis.getUpperBound()) {
            double upper = roundUp(v);
            axis.setUpperBound(upper);
            axis.setTickUnit(upper / 2);
        }
    }

    static double roundUp(double v) {
        double p = Math.pow(10, Math.floor(Math.log10(Math.max(v, 1))));
        for (double m : new double[] {1, 2, 5, 10}) {
            if (m * p >= v) {
                return m * p;
            }
        }
        return 10 * p;
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
