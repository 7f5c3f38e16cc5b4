package dev.phasewise.ui;

import javafx.application.Platform;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.concurrent.Task;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * The one way the UI runs database and analysis work: a {@link Task} on a small pool of daemon
 * threads, its result handed back on the FX thread. Never blocks the FX thread.
 */
public final class UiTasks implements BackgroundWork {
    private final ExecutorService pool;
    private final ReadOnlyIntegerWrapper running = new ReadOnlyIntegerWrapper(0);

    public UiTasks(int threads) {
        AtomicInteger n = new AtomicInteger();
        pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "phasewise-ui-work-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /** Work in progress, for the status bar's busy indicator. */
    public ReadOnlyIntegerProperty runningProperty() {
        return running.getReadOnlyProperty();
    }

    @Override
    public <T> void run(String title, Callable<T> work, Consumer<T> onSuccess, Consumer<Throwable> onFailure) {
        Task<T> task = new Task<>() {
            @Override
            protected T call() throws Exception {
                updateTitle(title);
                return work.call();
            }
        };
        submit(task, onSuccess, onFailure);
    }

    /**
     * Runs the task; once the window has shut the pool down, the task is dropped (never run, no callback):
     * a result that arrives while the window closes may still ask for work (an analysis finishing asks
     * for the table facts), and there is no one left to show it to.
     */
    public <T> Task<T> submit(Task<T> task, Consumer<T> onSuccess, Consumer<Throwable> onFailure) {
        if (pool.isShutdown()) {
            return task;
        }
        onFx(() -> running.set(running.get() + 1));
        task.setOnSucceeded(e -> {
            running.set(running.get() - 1);
            onSuccess.accept(task.getValue());
        });
        task.setOnFailed(e -> {
            running.set(running.get() - 1);
            onFailure.accept(task.getException());
        });
        task.setOnCancelled(e -> running.set(running.get() - 1));
        try {
            pool.execute(task);
        } catch (RejectedExecutionException closing) {
            // shut down between the check above and here: dropped as above
            onFx(() -> running.set(running.get() - 1));
        }
        return task;
    }

    public void shutdown() {
        pool.shutdownNow();
    }

    public static void onFx(Runnable r) {
        if (Platform.isFxApplicationThread()) {
            r.run();
        } else {
            Platform.runLater(r);
        }
    }

    /** The message a failure shows: the root cause's message, or its class. */
    public static String describe(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root && (root.getMessage() == null
                || root instanceof ExecutionException || root instanceof RuntimeException
                && root.getClass() == RuntimeException.class)) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }
}
