package dev.phasewise.ui;

import dev.phasewise.runbook.Paper;
import dev.phasewise.ui.app.MainWindow;
import dev.phasewise.ui.model.Documents;
import dev.phasewise.ui.runbook.RunbookDialog;
import dev.phasewise.ui.runbook.RunbookViewModel;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The runbook's print preview and export from the window (no database: the plan alone). */
@ExtendWith(ApplicationExtension.class)
class RunbookDialogTest {
    @TempDir
    static Path dir;
    private MainWindow window;

    @Start
    void start(Stage stage) {
        window = UiTestSupport.window(stage, dir, Documents.DEFAULT_SAMPLE);
    }

    @Test
    void previewShowsThePagesAndExportWritesEachFormat(FxRobot robot) throws Exception {
        UiTestSupport.waitFor(20, () -> !window.viewModel().analysingProperty().get());
        AtomicReference<RunbookDialog> dialog = new AtomicReference<>();
        robot.interact(() -> dialog.set(window.runbookDialog()));
        assertNotNull(dialog.get());
        RunbookViewModel vm = dialog.get().model();
        UiTestSupport.waitFor(60, () -> !vm.pages().isEmpty());
        int a4 = vm.pages().size();
        assertTrue(a4 >= 3, "a cover, the summary and the phases: " + a4);
        assertTrue(vm.pages().get(0).getHeight() > vm.pages().get(0).getWidth(), "portrait pages");
        UiTestSupport.screenshot(robot, dialog.get().stage().getScene().getRoot(), "runbook-preview");

        for (RunbookViewModel.Format f : RunbookViewModel.Format.values()) {
            Path out = dir.resolve("runbook-" + f);
            AtomicReference<Path> written = new AtomicReference<>();
            robot.interact(() -> {
                vm.formatProperty().set(f);
                vm.export(out, written::set);
            });
            UiTestSupport.waitFor(60, () -> written.get() != null);
            byte[] bytes = Files.readAllBytes(out);
            String head = new String(bytes, 0, Math.min(200, bytes.length), java.nio.charset.StandardCharsets.UTF_8);
            switch (f) {
                case PDF -> assertTrue(head.startsWith("%PDF"), head);
                case HTML -> assertTrue(head.toLowerCase().contains("<!doctype html"), head);
                case MARKDOWN -> assertTrue(head.startsWith("#"), head);
            }
        }
        robot.interact(() -> vm.paperProperty().set(Paper.LETTER));
        UiTestSupport.waitFor(60, () -> vm.statusProperty().get().contains("Letter"));
        assertEquals(0, Files.list(dir).filter(p -> p.getFileName().toString().endsWith(".tmp")).count(),
                "no temporary file left");
        robot.interact(() -> dialog.get().stage().close());
    }
}
