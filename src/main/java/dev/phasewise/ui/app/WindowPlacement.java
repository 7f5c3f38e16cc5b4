package dev.phasewise.ui.app;

import dev.phasewise.ui.window.UiPrefs;
import javafx.scene.control.SplitPane;
import javafx.stage.Stage;

/**
 * Where the user left the window: its size and position and the dividers between the timeline,
 * the step detail and the bottom tabs, restored at start and remembered at close.
 */
final class WindowPlacement {
    private final UiPrefs prefs;
    private final SplitPane outer;
    private final SplitPane detail;
    private final SplitPane bottom;

    /** @param outer timeline | detail | bottom; detail: step | side tabs; bottom: EXPLAIN and log | live backfill */
    WindowPlacement(UiPrefs prefs, SplitPane outer, SplitPane detail, SplitPane bottom) {
        this.prefs = prefs;
        this.outer = outer;
        this.detail = detail;
        this.bottom = bottom;
    }

    double width() {
        return prefs.get("window.width", 1280);
    }

    double height() {
        return prefs.get("window.height", 860);
    }

    void restoreDividers() {
        outer.setDividerPositions(prefs.get("divider.outer.0", 0.36), prefs.get("divider.outer.1", 0.66));
        detail.setDividerPositions(prefs.get("divider.detail", 0.56));
        bottom.setDividerPositions(prefs.get("divider.bottom", 0.62));
    }

    /** The position, once the stage has its scene; none the first time (the platform places it). */
    void restorePosition(Stage stage) {
        double x = prefs.get("window.x", Double.NaN);
        double y = prefs.get("window.y", Double.NaN);
        if (!Double.isNaN(x) && !Double.isNaN(y)) {
            stage.setX(x);
            stage.setY(y);
        }
    }

    /**
     * @param detailBuilt false when the window closes before its detail views were built: that
     *        divider still has its placeholder's position, not the user's
     */
    void save(Stage stage, boolean detailBuilt) {
        if (!stage.isMaximized() && stage.getWidth() > 0) {
            prefs.put("window.width", stage.getWidth());
            prefs.put("window.height", stage.getHeight());
            prefs.put("window.x", stage.getX());
            prefs.put("window.y", stage.getY());
        }
        prefs.put("divider.outer.0", outer.getDividerPositions()[0]);
        prefs.put("divider.outer.1", outer.getDividerPositions()[1]);
        if (detailBuilt) {
            prefs.put("divider.detail", detail.getDividerPositions()[0]);
        }
        prefs.put("divider.bottom", bottom.getDividerPositions()[0]);
    }
}
