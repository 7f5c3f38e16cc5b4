package dev.phasewise.ui.window;

import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.nio.file.Path;
import java.util.List;

/**
 * The files the user opened or saved, most recent first, at most {@link #LIMIT}: File ▸ Open recent
 * lists them, and they are remembered between starts in the window's preferences.
 */
public final class RecentFiles {
    public static final int LIMIT = 10;
    private final ObservableList<String> files = FXCollections.observableArrayList();
    private final ObservableList<String> readOnly = FXCollections.unmodifiableObservableList(files);

    /** Puts the file first (by its absolute path, so the same file opened twice is listed once). */
    public void remember(Path file) {
        String s = file.toAbsolutePath().toString();
        files.remove(s);
        files.add(0, s);
        while (files.size() > LIMIT) {
            files.remove(files.size() - 1);
        }
    }

    /** The list as the last window left it. */
    public void restoreFrom(UiPrefs prefs) {
        List<String> saved = prefs.recent();
        files.setAll(saved.stream().distinct().limit(LIMIT).toList());
    }

    public void saveTo(UiPrefs prefs) {
        prefs.recent(files);
    }

    /** Most recent first; changed only through {@link #remember} and {@link #restoreFrom}. */
    public ObservableList<String> files() {
        return readOnly;
    }
}
