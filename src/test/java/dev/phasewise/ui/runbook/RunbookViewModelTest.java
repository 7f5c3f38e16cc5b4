package dev.phasewise.ui.runbook;

import dev.phasewise.plan.Plan;
import dev.phasewise.runbook.Paper;
import dev.phasewise.ui.ImmediateWork;
import dev.phasewise.ui.model.Documents;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The runbook dialog's logic without a display: preview pages and exports, work run on the test's thread. */
class RunbookViewModelTest {
    @TempDir
    Path dir;

    private RunbookViewModel vm() throws Exception {
        Plan plan = Documents.openSample(Documents.DEFAULT_SAMPLE).plan();
        return new RunbookViewModel(new ImmediateWork(), plan, Documents.DEFAULT_SAMPLE, null);
    }

    @Test
    void previewRendersPortraitPagesAndSaysHowMany() throws Exception {
        RunbookViewModel vm = vm();
        List<String> done = new ArrayList<>();
        vm.preview(() -> done.add("done"));
        assertEquals(List.of("done"), done);
        assertTrue(vm.pages().size() >= 3, vm.statusProperty().get());
        assertTrue(vm.pages().get(0).getHeight() > vm.pages().get(0).getWidth(), "portrait");
        assertEquals(vm.pages().size() + " pages, A4", vm.statusProperty().get());
        vm.paperProperty().set(Paper.LETTER);
        vm.preview(() -> { });
        assertTrue(vm.statusProperty().get().endsWith("pages, Letter"), vm.statusProperty().get());
    }

    @Test
    void exportWritesTheChosenFormatOrSaysWhyNot() throws Exception {
        RunbookViewModel vm = vm();
        vm.formatProperty().set(RunbookViewModel.Format.MARKDOWN);
        List<Path> written = new ArrayList<>();
        Path md = dir.resolve("runbook.md");
        vm.export(md, written::add);
        assertEquals(List.of(md), written);
        assertTrue(Files.readString(md).startsWith("# "), "markdown");
        assertEquals("Wrote " + md, vm.statusProperty().get());

        Path nowhere = dir.resolve("missing-dir").resolve("runbook.md");
        vm.export(nowhere, written::add);
        assertEquals(1, written.size());
        assertFalse(Files.exists(nowhere));
        assertTrue(vm.statusProperty().get().startsWith("The runbook was not written: "), vm.statusProperty().get());
    }
}
