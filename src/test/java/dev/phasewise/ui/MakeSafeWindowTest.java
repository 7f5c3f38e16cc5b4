package dev.phasewise.ui;

import dev.phasewise.plan.Phase;
import dev.phasewise.plan.Plan;
import dev.phasewise.plan.PlanFiles;
import dev.phasewise.plan.steps.Backfill;
import dev.phasewise.plan.steps.RawSql;
import dev.phasewise.plan.steps.Step;
import dev.phasewise.ui.app.MainWindow;
import dev.phasewise.ui.model.PlanDocument;
import dev.phasewise.ui.window.MainViewModel;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Make it safe on an opened SQL document: the timeline becomes the phased plan, undoably, and saves as a plan file. */
@ExtendWith(ApplicationExtension.class)
class MakeSafeWindowTest {
    private static final String SAMPLE = "0042_add_summary_unsafe.sql";

    @TempDir
    static Path dir;

    private MainWindow window;
    private MainViewModel vm;

    @Start
    void start(Stage stage) {
        window = UiTestSupport.window(stage, dir, SAMPLE);
        vm = window.viewModel();
    }

    private void analysed() {
        UiTestSupport.waitFor(20, () -> !vm.analysingProperty().get() && !vm.analysisProperty().get().byStep().isEmpty());
        WaitForAsyncUtils.waitForFxEvents();
    }

    private List<String> laneHeaders(FxRobot robot) {
        return robot.lookup(".lane-header").queryAllAs(Label.class).stream().map(Label::getText).toList();
    }

    private boolean inLane(FxRobot robot, String lane, String stepId) {
        Node l = robot.lookup("#lane-" + lane).query();
        return !robot.from(l).lookup("#step-" + stepId.replaceAll("[^A-Za-z0-9_-]", "_")).queryAll().isEmpty();
    }

    private List<String> texts(FxRobot robot, String selector) {
        return robot.lookup(selector).queryAllAs(Label.class).stream().map(Label::getText).toList();
    }

    @Test
    void makeItSafeTurnsTheStatementsIntoPhasesUndoablyAndSavesAPlan(FxRobot robot) throws Exception {
        analysed();
        PlanDocument doc = vm.documentProperty().get();
        assertEquals(PlanDocument.Kind.SQL, doc.kind());
        Plan statements = vm.planProperty().get();
        assertEquals(3, statements.steps().size());
        assertTrue(laneHeaders(robot).get(0).startsWith("STATEMENTS (as the file runs them)"), laneHeaders(robot).toString());

        Button makeSafe = robot.lookup("#make-safe-button").queryButton();
        assertFalse(makeSafe.isDisabled(), "a SQL document can be made safe");
        robot.clickOn(makeSafe);
        UiTestSupport.waitFor(20, () -> doc.kind() == PlanDocument.Kind.PLAN && window.beforeAfterStage() != null
                && window.beforeAfterStage().isShowing());
        analysed();

        // the timeline: expand keeps the ADD COLUMN (a constant default: metadata only), the UPDATE became a
        // batched backfill and the index is built concurrently after it
        Plan plan = vm.planProperty().get();
        List<String> headers = laneHeaders(robot);
        assertTrue(headers.stream().anyMatch(h -> h.startsWith("EXPAND")), headers.toString());
        assertTrue(headers.stream().anyMatch(h -> h.startsWith("BACKFILL")), headers.toString());
        assertTrue(headers.stream().anyMatch(h -> h.startsWith("CONTRACT")), headers.toString());
        Step alter = plan.phase(Phase.EXPAND).steps().get(0);
        assertTrue(((RawSql) alter).sql().startsWith("ALTER TABLE articles_article ADD COLUMN summary"), alter.toString());
        Backfill backfill = (Backfill) plan.phase(Phase.BACKFILL).steps().get(0);
        assertEquals("summary = left(body, 300)", backfill.set());
        RawSql index = (RawSql) plan.phase(Phase.BACKFILL).steps().get(1);
        assertTrue(index.sql().startsWith("CREATE INDEX CONCURRENTLY articles_article_summary_idx"), index.sql());
        assertTrue(inLane(robot, "expand", alter.id()));
        assertTrue(inLane(robot, "backfill", backfill.id()));
        assertTrue(inLane(robot, "backfill", index.id()));
        assertEquals("Phasewise — 0042_add_summary_unsafe.plan.yaml (sample) *", window.stage().getTitle());
        assertTrue(makeSafe.isDisabled(), "a plan is not made safe again");
        assertTrue(vm.statusProperty().get().startsWith("Made safe: 3 statements became 3 steps"), vm.statusProperty().get());
        UiTestSupport.screenshot(robot, window.root(), "make-it-safe");

        // the before / after: the sample's schema has no sizes, so the holds say what they do, not how long
        Node dialog = window.beforeAfterStage().getScene().getRoot();
        assertNotNull(robot.from(dialog).lookup("#lock-row-articles_article").query());
        List<String> before = texts(robot, ".before-hold");
        List<String> after = texts(robot, ".after-hold");
        assertEquals(List.of("SHARE: index build of every row", "ACCESS EXCLUSIVE: metadata only, no lock_timeout",
                "ROW EXCLUSIVE: UPDATE of every row in one transaction: row locks on each row it changes until it commits"),
                before);
        assertEquals(List.of("ACCESS EXCLUSIVE: metadata only, lock_timeout 2s",
                "ROW EXCLUSIVE: backfill in batches of 5,000 rows, each its own transaction: row locks on one batch at a time",
                "SHARE UPDATE EXCLUSIVE: concurrent index build of every row: reads and writes go on"), after);
        List<String> account = robot.lookup("#make-safe-account .account-line")
                .queryAllAs(Label.class).stream().map(Label::getText).toList();
        assertEquals(List.of("line 3, statement 1, kept: ALTER TABLE articles_article ADD COLUMN summary varchar(300) NOT NULL DEFAULT ''",
                "line 4, statement 2, rewritten: UPDATE articles_article SET summary = left(body, 300)",
                "line 5, statement 3, rewritten: CREATE INDEX articles_article_summary_idx ON articles_article (summary)"),
                account);
        UiTestSupport.screenshot(robot, dialog, "make-it-safe-before-after");
        robot.interact(() -> window.beforeAfterStage().close());

        // one undoable edit: undo brings the statements back (a SQL document again), redo the plan
        robot.interact(vm::undo);
        analysed();
        assertEquals(PlanDocument.Kind.SQL, doc.kind());
        assertEquals(statements, vm.planProperty().get());
        assertTrue(laneHeaders(robot).get(0).startsWith("STATEMENTS"), laneHeaders(robot).toString());
        assertFalse(makeSafe.isDisabled());
        assertFalse(vm.canUndoProperty().get());
        robot.interact(vm::redo);
        analysed();
        assertEquals(PlanDocument.Kind.PLAN, doc.kind());
        assertEquals(plan, vm.planProperty().get());

        // Save asks for a new file (the SQL is not overwritten): the plan's name ends .plan.yaml
        assertTrue(doc.file().isEmpty());
        assertEquals("0042_add_summary_unsafe.plan.yaml", doc.displayName());
        Path target = dir.resolve(doc.displayName());
        robot.interact(() -> {
            try {
                vm.save(target);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        assertEquals(plan, PlanFiles.read(target));
        assertFalse(vm.dirtyProperty().get());
        assertEquals("Phasewise — 0042_add_summary_unsafe.plan.yaml", window.stage().getTitle());
    }

    @Test
    void djangoOutputShowsTheLocksHeldUntilCommit(FxRobot robot) throws Exception {
        robot.interact(() -> {
            try {
                vm.openSample("django_sqlmigrate_0007.sql");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        analysed();
        robot.clickOn("#make-safe-button");
        UiTestSupport.waitFor(20, () -> window.beforeAfterStage() != null && window.beforeAfterStage().isShowing());
        analysed();
        // BEGIN ... COMMIT: the ADD COLUMN's ACCESS EXCLUSIVE waits for COMMIT, through both index builds; in the
        // plan each ALTER is its own short transaction behind lock_timeout and the indexes are built concurrently
        assertEquals(List.of(
                "ACCESS EXCLUSIVE: metadata only, no lock_timeout; held until COMMIT, through 2 × index build of articles_article",
                "ACCESS EXCLUSIVE: metadata only, no lock_timeout; held until COMMIT, through 2 × index build of articles_article"),
                texts(robot, ".before-hold"));
        assertEquals(List.of("3 × ACCESS EXCLUSIVE: metadata only, lock_timeout 2s",
                "2 × SHARE UPDATE EXCLUSIVE: concurrent index build of every row: reads and writes go on",
                "ACCESS EXCLUSIVE: metadata only, lock_timeout 2s"), texts(robot, ".after-hold"));
        Node dialog = window.beforeAfterStage().getScene().getRoot();
        assertNotNull(robot.from(dialog).lookup("#lock-row-tasks_taskexportjob").query());
        UiTestSupport.screenshot(robot, dialog, "make-it-safe-django-before-after");
    }

    @Test
    void inputWithAnErrorChangesNothingAndTheStatusNamesTheLine(FxRobot robot) throws Exception {
        Path broken = dir.resolve("broken.sql");
        Files.writeString(broken, "ALTER TABLE articles_article ADD COLUMN flag boolean;\n"
                + "UPDATE articles_article SET flag = (true;\n");
        robot.interact(() -> window.open(broken));
        analysed();
        Plan before = vm.planProperty().get();
        robot.clickOn("#make-safe-button");
        UiTestSupport.waitFor(20, () -> vm.statusProperty().get().startsWith("Cannot make it safe"));
        String status = vm.statusProperty().get();
        assertTrue(status.startsWith("Cannot make it safe (nothing changed): broken.sql line 2: unclosed \"(\""), status);
        assertEquals(PlanDocument.Kind.SQL, vm.documentProperty().get().kind());
        assertEquals(before, vm.planProperty().get());
        assertFalse(vm.canUndoProperty().get());
        assertTrue(window.beforeAfterStage() == null);
    }

    @Test
    void theShortcutIsShortcutShiftMAndNoOtherItemHasIt(FxRobot robot) {
        MenuBar bar = robot.lookup("#menu-bar").queryAs(MenuBar.class);
        List<MenuItem> items = new ArrayList<>();
        bar.getMenus().forEach(m -> collect(m, items));
        KeyCombination wanted = new KeyCodeCombination(KeyCode.M, KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_DOWN);
        List<String> withIt = items.stream().filter(i -> wanted.equals(i.getAccelerator())).map(MenuItem::getText).toList();
        assertEquals(List.of("Make it safe"), withIt);
        Menu edit = bar.getMenus().stream().filter(m -> m.getText().equals("Edit")).findFirst().orElseThrow();
        assertTrue(edit.getItems().stream().anyMatch(i -> "make-safe-item".equals(i.getId())));
    }

    private static void collect(Menu menu, List<MenuItem> out) {
        for (MenuItem i : menu.getItems()) {
            out.add(i);
            if (i instanceof Menu sub) {
                collect(sub, out);
            }
        }
    }
}
