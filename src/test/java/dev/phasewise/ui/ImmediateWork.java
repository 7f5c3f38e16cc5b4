package dev.phasewise.ui;

import java.util.concurrent.Callable;
import java.util.function.Consumer;

/** Runs a view model's background work on the calling thread: view models tested without a display. */
public final class ImmediateWork implements BackgroundWork {
    private int runs;

    @Override
    public <T> void run(String title, Callable<T> work, Consumer<T> onSuccess, Consumer<Throwable> onFailure) {
        runs++;
        T result;
        try {
            result = work.call();
        } catch (Exception e) {
            onFailure.accept(e);
            return;
        }
        onSuccess.accept(result);
    }

    /** How many pieces of work were run. */
    public int runs() {
        return runs;
    }
}
