package dev.phasewise.ui.app;

import dev.phasewise.run.RunEvent;
import dev.phasewise.ui.Css;
import dev.phasewise.ui.window.MainViewModel;
import javafx.css.PseudoClass;
import javafx.geometry.Insets;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.layout.VBox;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * The live backfill view: a progress bar, three lines of figures (rows and rows/s; elapsed, ETA and how
 * long ago a batch last committed; the batches' size, p99 and retries) and the rows/s and latency charts,
 * all following
 * {@link MainViewModel#backfillProgressProperty()}, which the run's coalesced events set on the FX thread.
 * Those come after every batch and, between batches, at least every 50 ms with the clock moved on (the
 * engine's refresh): elapsed and ETA count, and a batch that takes long shows as "last commit 4.2 s ago",
 * marked once it is over a second and three times the batch p99.
 */
final class LiveBackfillPanel extends VBox {
    static final PseudoClass STALLED = PseudoClass.getPseudoClass("stalled");

    LiveBackfillPanel(MainViewModel vm) {
        super(6);
        Label title = new Label("Live backfill");
        title.getStyleClass().add(Css.SECTION_TITLE);
        ProgressBar progress = new ProgressBar(0);
        progress.setMaxWidth(Double.MAX_VALUE);
        progress.setDisable(true);
        Label figures = line("live-figures", "No backfill running. Rows, rows/s, elapsed time, ETA, the last commit "
                + "and the batches' size, p99 and retries show here while a run's backfill step works.");
        figures.setWrapText(true);
        // there from the start, empty: nothing new to style and lay out as a backfill starts
        Label clock = line("live-clock", "");
        clock.getStyleClass().add("live-clock");
        Label batch = line("live-batch", "");
        BackfillCharts charts = new BackfillCharts();
        vm.runs().backfillProgressProperty().addListener((o, a, p) -> {
            if (p != null) {
                charts.add(p);
                progress.setDisable(false);
                progress.setProgress(p.fraction());
                figures.setText(figures(p));
                clock.setText(clock(p));
                clock.pseudoClassStateChanged(STALLED, stalled(p));
                batch.setText(batch(p));
            }
        });
        progress.setMinHeight(USE_PREF_SIZE);
        prime();
        getChildren().addAll(title, progress, figures, clock, batch, charts);
        setId("live-panel");
        getStyleClass().add(Css.LIVE_PANEL);
        setPadding(new Insets(8));
        // in a short window it gives way at the bottom (the charts): with its lines' heights as its
        // minimum, the split pane laid it out centred in a smaller area, and its title was cut off
        setMinHeight(0);
    }

    /**
     * Runs, once, while the window is made, the code the first progress of a backfill would otherwise
     * run on the FX thread for the first time: the progress record's equals (a record's equals is
     * linked on its first call, which spins LambdaForms) and the formatting of the three lines. Without
     * it the FX thread can stall as a backfill starts; the measurements are in docs/benchmarks.md.
     */
    static void prime() {
        RunEvent.BackfillProgress a = new RunEvent.BackfillProgress("-", Instant.EPOCH, "-", 1, 2, 3, Duration.ZERO,
                5, Duration.ZERO, Duration.ofMillis(4), 6, "running", Duration.ZERO, Duration.ZERO, 7);
        RunEvent.BackfillProgress b = new RunEvent.BackfillProgress("-", Instant.EPOCH, "-", 1, 2, 3, Duration.ZERO,
                5, Duration.ZERO, Duration.ofMillis(4), 6, "paused", Duration.ZERO, Duration.ofMillis(1), 7);
        a.equals(b);
        a.hashCode();
        figures(a);
        clock(b);
        batch(a);
        stalled(a);
    }

    /** A line of figures; never squeezed (the charts give way). */
    private static Label line(String id, String text) {
        Label l = new Label(text);
        l.setId(id);
        l.getStyleClass().add(Css.MUTED);
        l.setMinHeight(USE_PREF_SIZE);
        return l;
    }

    /** The rate, 0 while unknown (NaN). */
    static double rowsPerSecond(RunEvent.BackfillProgress p) {
        return Double.isNaN(p.rowsPerSecond()) ? 0 : p.rowsPerSecond();
    }

    /** The batches' p99 in milliseconds, 0 while unknown. */
    static double batchP99Millis(RunEvent.BackfillProgress p) {
        return p.batchP99() == null ? 0 : p.batchP99().toMillis();
    }

    /** What was measured at the last batch: rows and rate. */
    static String figures(RunEvent.BackfillProgress p) {
        return String.format(Locale.ROOT, "%s: %,d / %,d rows · %,.0f rows/s", p.stepId(), p.rowsDone(),
                p.totalEstimate(), rowsPerSecond(p));
    }

    /** What moves between batches: elapsed, ETA, the age of the batch in flight; and the state unless running. */
    static String clock(RunEvent.BackfillProgress p) {
        StringBuilder b = new StringBuilder();
        if (p.elapsed() != null) {
            b.append("elapsed ").append(clock(p.elapsed()));
        }
        if (p.eta() != null) {
            b.append(b.isEmpty() ? "" : " · ").append("ETA ").append(clock(p.eta()));
        }
        if (p.sinceCommit() != null) {
            b.append(b.isEmpty() ? "" : " · ").append("last commit ").append(clock(p.sinceCommit())).append(" ago");
        }
        if (p.state() != null && !"running".equals(p.state())) {
            b.append(b.isEmpty() ? "" : " · ").append(p.state());
        }
        return b.toString();
    }

    static String batch(RunEvent.BackfillProgress p) {
        return String.format(Locale.ROOT, "batches of %,d rows · p99 %.0f ms · retries %d", p.batchRows(),
                batchP99Millis(p), p.retries());
    }

    /**
     * The batch in flight takes much longer than batches do: over a second, and over 3 times the p99 (not
     * when paused or waiting on purpose, which the line says).
     */
    static boolean stalled(RunEvent.BackfillProgress p) {
        return "running".equals(p.state()) && p.sinceCommit() != null
                && p.sinceCommit().toMillis() > Math.max(1000, 3 * batchP99Millis(p));
    }

    /** 0.4 s, 12.3 s, 2 min 05 s, 1 h 02 min: tenths of a second while short, so that it visibly moves. */
    static String clock(Duration d) {
        long ms = Math.max(0, d.toMillis());
        if (ms < 60_000) {
            return String.format(Locale.ROOT, "%.1f s", ms / 1000.0);
        }
        long s = ms / 1000;
        if (s < 3600) {
            return String.format(Locale.ROOT, "%d min %02d s", s / 60, s % 60);
        }
        return String.format(Locale.ROOT, "%d h %02d min", s / 3600, s % 3600 / 60);
    }
}
