package dev.phasewise.ui.run;

import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.util.List;

/**
 * The run log's lines, oldest first, bounded: beyond {@code capacity} lines the oldest go, so that a long
 * run cannot grow the window's memory without end. FX thread only (the runner's events are posted there).
 */
public final class RunLog {
    public static final int DEFAULT_CAPACITY = 5_000;

    private final int capacity;
    private final ObservableList<String> lines = FXCollections.observableArrayList();

    public RunLog() {
        this(DEFAULT_CAPACITY);
    }

    public RunLog(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1");
        }
        this.capacity = capacity;
    }

    public void append(String line) {
        append(List.of(line));
    }

    /** Appends the lines, dropping the oldest beyond the capacity (one change each, not one per line). */
    public void append(List<String> more) {
        if (more.isEmpty()) {
            return;
        }
        List<String> add = more.size() > capacity ? more.subList(more.size() - capacity, more.size()) : more;
        // the oldest go first, so that the last change is the addition (a view scrolls to the new end)
        int excess = lines.size() + add.size() - capacity;
        if (excess > 0) {
            lines.remove(0, excess);
        }
        lines.addAll(add);
    }

    public void clear() {
        lines.clear();
    }

    public int capacity() {
        return capacity;
    }

    public ObservableList<String> lines() {
        return lines;
    }

    /** Every line, newline-separated (what "Copy all" puts on the clipboard). */
    public String text() {
        return String.join("\n", lines);
    }
}
