package dev.phasewise.ui.app;

import dev.phasewise.ui.Css;
import dev.phasewise.ui.window.Theme;
import javafx.css.CssParser;
import javafx.css.Stylesheet;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.URL;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * What the window's first frame needs and can have before the FX toolkit is up, fetched on a worker
 * thread while the toolkit starts: that takes about 0.3 s of a cold start, spent mostly in native code
 * on the toolkit's own threads while the main thread only waits.
 * <ul>
 * <li>the window's options: the user's preferences, read from disk, and the theme they chose;</li>
 * <li>a first parse of the theme's stylesheet and of ours, and the checksum JavaFX takes of the theme's,
 * thrown away: the same work on the FX thread then finds its classes initialised, its calls resolved
 * and its hottest methods compiled (with the AOT cache the classes are loaded already, but their
 * initialisers and the first calls of each method still cost).</li>
 * </ul>
 * The window waits for all of it before it touches a stylesheet itself, so JavaFX's CSS code never
 * runs on two threads at once. Anything that fails here is done again on the FX thread as if there
 * had been no prefetch: it only ever saves time.
 */
final class WindowPrefetch {
    /** The options and the theme's choice: what {@link PhasewiseApp#start} needs first. */
    record Fetched(MainWindow.Options options, boolean dark) {
    }

    private static volatile CompletableFuture<Fetched> pending;

    private WindowPrefetch() {
    }

    /** Starts the prefetch; call before {@code Application.launch}. */
    static void begin() {
        CompletableFuture<Fetched> done = new CompletableFuture<>();
        Thread worker = new Thread(() -> {
            try {
                Fetched fetched = fetch();
                warmStylesheets(fetched.dark());
                done.complete(fetched);
            } catch (Throwable e) {
                done.completeExceptionally(e);
            }
        }, "phasewise-window-prefetch");
        worker.setDaemon(true);
        worker.start();
        pending = done;
    }

    /**
     * The prefetched options once the prefetch is over, or read now when there was none (a test that
     * builds the app itself) or it failed.
     */
    static Fetched take() {
        CompletableFuture<Fetched> f = pending;
        pending = null;
        if (f != null) {
            try {
                return f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException e) {
                // read again below, on this thread, where a failure is reported as it always was
            }
        }
        return fetch();
    }

    private static Fetched fetch() {
        MainWindow.Options options = MainWindow.Options.defaults();
        return new Fetched(options, Theme.savedDark(options.prefs()));
    }

    private static void warmStylesheets(boolean dark) throws Exception {
        // the binary form JavaFX loads in place of the theme's .css (StyleManager looks for it first)
        String theme = WindowLook.themeStylesheet(dark);
        URL binary = WindowPrefetch.class.getResource(theme.substring(0, theme.length() - ".css".length()) + ".bss");
        if (binary != null) {
            Stylesheet.loadBinary(binary);
            // JavaFX keeps a checksum of each stylesheet it loads: an MD5 over the whole file (200 KB
            // for the theme's), 10 ms on the FX thread when the digest's code is still interpreted
            try (InputStream in = new DigestInputStream(binary.openStream(), MessageDigest.getInstance("MD5"))) {
                in.transferTo(OutputStream.nullOutputStream());
            }
        }
        URL ours = WindowPrefetch.class.getResource(Css.STYLESHEET);
        if (ours != null) {
            new CssParser().parse(ours);
        }
    }
}
