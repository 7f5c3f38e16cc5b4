package dev.phasewise.ui.app;

import dev.phasewise.db.ConnectionSettings;
import dev.phasewise.db.Profiles;
import dev.phasewise.sandbox.Sandbox;
import dev.phasewise.sandbox.SandboxException;
import dev.phasewise.sandbox.SandboxListener;
import dev.phasewise.sandbox.SandboxOptions;
import dev.phasewise.ui.UiTasks;
import dev.phasewise.ui.conn.ConnectedDatabase;
import dev.phasewise.ui.window.MainViewModel;
import javafx.application.Platform;
import org.controlsfx.control.StatusBar;

import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The window's embedded sandbox: started (or, when another Phasewise or {@code phasewise sandbox}
 * already runs it, reused) in the background when no connection profile exists, with its progress in
 * the status bar, and connected to the window when ready. Stopped with the window if it started it.
 */
final class WindowSandbox {
    private final UiTasks tasks;
    private final MainViewModel vm;
    private final StatusBar statusBar;
    private final Consumer<String> notify;
    private volatile Sandbox sandbox;

    WindowSandbox(UiTasks tasks, MainViewModel vm, StatusBar statusBar, Consumer<String> notify) {
        this.tasks = tasks;
        this.vm = vm;
        this.statusBar = statusBar;
        this.notify = notify;
    }

    /** Starts the sandbox when there is no saved connection profile (or the profiles cannot be read). */
    void startWithoutProfiles(SandboxOptions options, Profiles profiles) {
        boolean noProfiles;
        try {
            noProfiles = profiles.list().isEmpty();
        } catch (RuntimeException e) {
            noProfiles = true;
        }
        if (noProfiles) {
            start(options);
        }
    }

    private void start(SandboxOptions options) {
        vm.statusProperty().set("No saved connection profile: starting the sandbox (embedded PostgreSQL) in the background…");
        tasks.run("sandbox", () -> {
            try {
                Sandbox sb = Sandbox.start(options, new SandboxListener() {
                    @Override
                    public void progress(String phase, long done, long total) {
                        String text = total > 1 ? String.format(Locale.ROOT, "Sandbox: %s %d %%", phase,
                                done * 100 / Math.max(1, total)) : "Sandbox: " + phase + (done >= total ? " done" : "…");
                        Platform.runLater(() -> {
                            vm.statusProperty().set(text);
                            statusBar.setProgress(total > 0 ? (double) done / total : -1);
                        });
                    }

                    @Override
                    public void message(String text) {
                        Platform.runLater(() -> vm.statusProperty().set("Sandbox: " + text));
                    }
                });
                sandbox = sb;
                return ConnectedDatabase.open("sandbox", ConnectionSettings.parse(sb.url()), true, null);
            } catch (SandboxException e) {
                // another Phasewise (or `phasewise sandbox`) runs it: use that one
                Optional<String> url = Sandbox.runningUrl(options.directory());
                if (url.isPresent()) {
                    return ConnectedDatabase.open("sandbox", ConnectionSettings.parse(url.get()), true, null);
                }
                throw e;
            }
        }, c -> {
            statusBar.setProgress(0);
            vm.connected(c);
            notify.accept("Sandbox ready: " + c.describe());
        }, failure -> {
            statusBar.setProgress(0);
            vm.statusProperty().set("Sandbox not started: " + UiTasks.describe(failure) + " — File ▸ Connect… to use a database");
        });
    }

    /** The sandbox the window started, or null (none, not yet, or one another process runs). */
    Sandbox sandbox() {
        return sandbox;
    }
}
