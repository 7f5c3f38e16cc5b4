package dev.phasewise.ui.window;

import dev.phasewise.ui.BackgroundWork;
import dev.phasewise.ui.model.Documents;
import dev.phasewise.ui.model.PlanDocument;
import dev.phasewise.ui.model.StepAnalysis;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Only the latest analysis counts, whatever order the background work finishes in. Plain JUnit. */
class DocumentAnalysisTest {
    /** Background work that waits until the test finishes it, in the order the test chooses. */
    private static final class HeldWork implements BackgroundWork {
        private final List<Runnable> finish = new ArrayList<>();
        private final List<Runnable> fail = new ArrayList<>();

        @Override
        public <T> void run(String title, Callable<T> work, Consumer<T> onSuccess, Consumer<Throwable> onFailure) {
            finish.add(() -> {
                try {
                    onSuccess.accept(work.call());
                } catch (Exception e) {
                    onFailure.accept(e);
                }
            });
            fail.add(() -> onFailure.accept(new IllegalStateException("analysis broke")));
        }
    }

    private final HeldWork work = new HeldWork();
    private final List<String> status = new ArrayList<>();
    private final DocumentAnalysis analyses = new DocumentAnalysis(work, status::add);

    @Test
    void aStaleResultIsDroppedAndTheLatestKept() throws Exception {
        PlanDocument first = Documents.openSample(Documents.DEFAULT_SAMPLE);
        PlanDocument second = Documents.openSample("0042_add_summary_unsafe.sql");
        analyses.analyse(first, null);
        analyses.analyse(second, null);
        assertTrue(analyses.analysingProperty().get());

        work.finish.get(1).run();
        StepAnalysis latest = analyses.analysisProperty().get();
        assertFalse(latest.byStep().isEmpty());
        assertFalse(analyses.analysingProperty().get());

        work.finish.get(0).run();
        assertSame(latest, analyses.analysisProperty().get(), "the older analysis, finishing last, is dropped");
        assertTrue(latest.byStep().keySet().containsAll(second.plan().steps().stream()
                .map(p -> p.step().id()).toList()));
    }

    @Test
    void aStaleFailureIsQuietAndTheLatestReported() throws Exception {
        PlanDocument doc = Documents.openSample(Documents.DEFAULT_SAMPLE);
        analyses.analyse(doc, null);
        analyses.analyse(doc, null);
        work.fail.get(0).run();
        assertEquals(List.of(), status);
        assertTrue(analyses.analysingProperty().get(), "the latest still runs");

        work.fail.get(1).run();
        assertEquals(List.of("Analysis failed: analysis broke"), status);
        assertFalse(analyses.analysingProperty().get());
    }
}
