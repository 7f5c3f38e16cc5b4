package dev.phasewise.ui.window;

import java.util.ArrayList;
import java.util.List;
import java.util.prefs.BackingStoreException;
import java.util.prefs.Preferences;

/**
 * What the window remembers between starts (java.util.prefs): size and position, divider
 * positions, the theme and recent files. Tests use a node of their own.
 */
public final class UiPrefs {
    public static final String DEFAULT_NODE = "dev/phasewise/ui";
    private final Preferences node;

    public UiPrefs(Preferences node) {
        this.node = node;
    }

    public static UiPrefs user() {
        return new UiPrefs(Preferences.userRoot().node(System.getProperty("phasewise.ui.prefs", DEFAULT_NODE)));
    }

    public double get(String key, double fallback) {
        return node.getDouble(key, fallback);
    }

    public void put(String key, double value) {
        node.putDouble(key, value);
    }

    public boolean get(String key, boolean fallback) {
        return node.getBoolean(key, fallback);
    }

    public void put(String key, boolean value) {
        node.putBoolean(key, value);
    }

    public List<String> recent() {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < RecentFiles.LIMIT; i++) {
            String s = node.get("recent." + i, null);
            if (s != null) {
                out.add(s);
            }
        }
        return out;
    }

    public void recent(List<String> files) {
        for (int i = 0; i < RecentFiles.LIMIT; i++) {
            if (i < files.size()) {
                node.put("recent." + i, files.get(i));
            } else {
                node.remove("recent." + i);
            }
        }
    }

    public void flush() {
        try {
            node.flush();
        } catch (BackingStoreException e) {
            // preferences are a convenience: losing them must not stop the app from closing
        }
    }

    public void clear() {
        try {
            node.clear();
        } catch (BackingStoreException e) {
            // as above
        }
    }
}
