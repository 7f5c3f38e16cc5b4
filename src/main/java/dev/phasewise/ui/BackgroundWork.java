package dev.phasewise.ui;

import java.util.concurrent.Callable;
import java.util.function.Consumer;

/**
 * How a view model has slow work done: off the FX thread, its result or failure handed back on
 * the FX thread. The window uses {@link UiTasks}; a plain JUnit test of a view model passes one
 * that runs the work on the calling thread, so view models are tested without a display.
 */
public interface BackgroundWork {
    <T> void run(String title, Callable<T> work, Consumer<T> onSuccess, Consumer<Throwable> onFailure);
}
