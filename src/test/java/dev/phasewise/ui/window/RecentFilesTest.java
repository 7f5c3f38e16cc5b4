package dev.phasewise.ui.window;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.prefs.BackingStoreException;
import java.util.prefs.Preferences;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** File ▸ Open recent without a window: order, limit and what survives a restart. Plain JUnit. */
class RecentFilesTest {
    private final Preferences node = Preferences.userRoot().node("dev/phasewise/ui-test-recent-" + UUID.randomUUID());
    private final RecentFiles recent = new RecentFiles();

    @AfterEach
    void removeNode() throws BackingStoreException {
        node.removeNode();
    }

    private static String abs(String name) {
        return Path.of(name).toAbsolutePath().toString();
    }

    @Test
    void mostRecentFirstAndEachFileOnce() {
        recent.remember(Path.of("a.sql"));
        recent.remember(Path.of("b.plan.yaml"));
        recent.remember(Path.of("c.sql"));
        recent.remember(Path.of("a.sql"));
        assertEquals(List.of(abs("a.sql"), abs("c.sql"), abs("b.plan.yaml")), recent.files());
    }

    @Test
    void keepsTheTenMostRecent() {
        IntStream.rangeClosed(1, 12).forEach(i -> recent.remember(Path.of("f" + i + ".sql")));
        assertEquals(RecentFiles.LIMIT, recent.files().size());
        assertEquals(abs("f12.sql"), recent.files().get(0));
        assertEquals(abs("f3.sql"), recent.files().get(9), "f1 and f2, the oldest, are dropped");
    }

    @Test
    void survivesARestartInItsOrder() {
        recent.remember(Path.of("old.sql"));
        recent.remember(Path.of("new.sql"));
        recent.saveTo(new UiPrefs(node));

        RecentFiles next = new RecentFiles();
        next.restoreFrom(new UiPrefs(node));
        assertEquals(List.of(abs("new.sql"), abs("old.sql")), next.files());
    }

    @Test
    void aShorterListSavedOverALongerOneLeavesNoOldEntries() {
        IntStream.rangeClosed(1, 5).forEach(i -> recent.remember(Path.of("f" + i + ".sql")));
        recent.saveTo(new UiPrefs(node));
        RecentFiles fewer = new RecentFiles();
        fewer.remember(Path.of("only.sql"));
        fewer.saveTo(new UiPrefs(node));

        RecentFiles next = new RecentFiles();
        next.restoreFrom(new UiPrefs(node));
        assertEquals(List.of(abs("only.sql")), next.files());
    }

    @Test
    void changedOnlyThroughRemember() {
        assertThrows(UnsupportedOperationException.class, () -> recent.files().add("elsewhere.sql"));
    }
}
