package dev.phasewise.ui;

import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertFalse;

/** Work asked for after the window shut its pool down is dropped, not thrown at the FX thread. */
class UiTasksTest {
    @Test
    void workAfterShutdownIsDroppedQuietly() throws Exception {
        UiTasks tasks = new UiTasks(1);
        tasks.shutdown();
        AtomicBoolean ran = new AtomicBoolean();
        // it threw RejectedExecutionException (SandboxStartIT failed so when an analysis finished as the window closed)
        tasks.run("late", () -> ran.getAndSet(true), r -> ran.set(true), e -> ran.set(true));
        Thread.sleep(100);
        assertFalse(ran.get());
    }
}
