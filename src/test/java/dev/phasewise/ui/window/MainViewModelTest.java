package dev.phasewise.ui.window;

import dev.phasewise.plan.steps.RawSql;
import dev.phasewise.ui.HandTimer;
import dev.phasewise.ui.ImmediateWork;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The main window's logic without a window: plain JUnit, no toolkit, work run on the test's thread. */
class MainViewModelTest {
    private final ImmediateWork work = new ImmediateWork();
    private final AtomicReference<HandTimer> timer = new AtomicReference<>();
    private MainViewModel vm;

    @BeforeEach
    void openTheUnsafeSqlSample() throws Exception {
        vm = new MainViewModel(work, HandTimer.factory(timer::set));
        vm.openSample("0042_add_summary_unsafe.sql");
    }

    private String sqlOf(String stepId) {
        return ((RawSql) vm.find(stepId).orElseThrow()).sql();
    }

    @Test
    void opensAndAnalysesWithoutAConnection() {
        assertFalse(vm.analysingProperty().get());
        assertFalse(vm.analysisProperty().get().byStep().isEmpty());
        assertTrue(vm.titleProperty().get().contains("(sample)"), vm.titleProperty().get());
        assertFalse(vm.dirtyProperty().get());
    }

    @Test
    void typedSqlIsAppliedOnceTypingPausesAsOneUndoStep() {
        RawSql step = assertInstanceOf(RawSql.class, vm.selectedStepProperty().get());
        String before = step.sql();
        int analyses = work.runs();
        vm.sqlEdited(step, before + "\n-- a");
        vm.sqlEdited(step, before + "\n-- ab");
        assertEquals(before, sqlOf(step.id()), "nothing applied while typing");
        assertTrue(timer.get().waiting());
        assertEquals(analyses, work.runs(), "no analysis while typing");

        timer.get().elapse();
        assertEquals(before + "\n-- ab", sqlOf(step.id()));
        assertEquals(analyses + 1, work.runs(), "one analysis for the burst");
        assertTrue(vm.dirtyProperty().get());
        assertEquals(step.id(), vm.selectedStepProperty().get().id(), "the edited step stays selected");

        vm.undo();
        assertEquals(before, sqlOf(step.id()), "the burst is one undo step");
        assertFalse(vm.canUndoProperty().get());
    }

    @Test
    void undoFirstAppliesWhatWasStillBeingTyped() {
        RawSql step = (RawSql) vm.selectedStepProperty().get();
        vm.sqlEdited(step, step.sql() + "\n-- typed");
        vm.flushEdits();
        assertFalse(timer.get().waiting(), "the pending wait is over");
        assertEquals(step.sql() + "\n-- typed", sqlOf(step.id()));
        timer.get().elapse();
        assertEquals(step.sql() + "\n-- typed", sqlOf(step.id()), "applied once");
        vm.undo();
        assertEquals(step.sql(), sqlOf(step.id()));
    }

    @Test
    void makeItSafeIsOneUndoableEditThatTurnsTheSqlDocumentIntoAPlan() {
        var doc = vm.documentProperty().get();
        var statements = vm.planProperty().get();
        assertTrue(vm.sqlDocumentProperty().get());
        vm.makeSafe();
        assertEquals(dev.phasewise.ui.model.PlanDocument.Kind.PLAN, doc.kind());
        assertFalse(vm.sqlDocumentProperty().get());
        assertEquals(List.of("raw-sql", "backfill", "raw-sql"),
                vm.steps().stream().map(p -> p.step().kind()).toList());
        assertEquals(List.of(dev.phasewise.plan.Phase.EXPAND, dev.phasewise.plan.Phase.BACKFILL,
                dev.phasewise.plan.Phase.BACKFILL), vm.steps().stream().map(p -> p.phase()).toList());
        assertTrue(doc.file().isEmpty(), "Save asks for a new file");
        assertEquals("0042_add_summary_unsafe.plan.yaml", doc.displayName());
        assertTrue(vm.dirtyProperty().get());
        var result = vm.makeSafeState().lastProperty().get();
        assertEquals("SHARE: index build of every row",
                result.comparison().table("articles_article").orElseThrow().worstBefore().orElseThrow().describe());

        vm.undo();
        assertEquals(dev.phasewise.ui.model.PlanDocument.Kind.SQL, doc.kind());
        assertEquals(statements, vm.planProperty().get());
        assertTrue(vm.sqlDocumentProperty().get());
        assertFalse(vm.dirtyProperty().get(), "back to the statements as opened");
        vm.redo();
        assertEquals(result.conversion().plan(), vm.planProperty().get());
    }

    @Test
    void aSqlFileMadeSafeIsStillAnalysedAgainstTheSchemaBesideIt(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("schema.sql"), "CREATE TABLE orders (order_id bigint PRIMARY KEY, state text);\n");
        Path sql = dir.resolve("0001_state.sql");
        Files.writeString(sql, "UPDATE orders SET state = 'new';\n");
        vm.open(sql);
        vm.makeSafe();
        var backfill = vm.steps().stream().map(p -> p.step())
                .filter(s -> s instanceof dev.phasewise.plan.steps.Backfill).findFirst().orElseThrow();
        assertEquals("order_id", ((dev.phasewise.plan.steps.Backfill) backfill).keyColumn(), "the converter read schema.sql");
        // the plan has no file yet: the analysis still finds schema.sql beside the file it came from
        var effects = vm.analysisProperty().get().of(backfill).stream().flatMap(r -> r.tables().stream()).toList();
        assertFalse(effects.isEmpty());
        assertTrue(effects.stream().allMatch(e -> e.relation().declared()), "orders as schema.sql declares it");
    }

    @Test
    void makeItSafeWithASyntaxErrorChangesNothing(@TempDir Path dir) throws Exception {
        Path broken = dir.resolve("broken.sql");
        Files.writeString(broken, "ALTER TABLE t ADD COLUMN c int;\nUPDATE t SET c = (1;\n");
        vm.open(broken);
        var plan = vm.planProperty().get();
        vm.makeSafe();
        assertTrue(vm.statusProperty().get().startsWith("Cannot make it safe (nothing changed): broken.sql line 2: "),
                vm.statusProperty().get());
        assertEquals(plan, vm.planProperty().get());
        assertTrue(vm.sqlDocumentProperty().get());
        assertFalse(vm.canUndoProperty().get());
        assertEquals(null, vm.makeSafeState().lastProperty().get());
    }

    @Test
    void runsNeedAStagingConnectionAndOnlyPendingStepsAreSkipped() {
        vm.runs().run();
        assertEquals("Connect to a staging database to run", vm.statusProperty().get());
        vm.runs().resume();
        assertEquals("No run to resume: start one with Run", vm.statusProperty().get());

        String id = vm.selectedStepProperty().get().id();
        assertEquals(MainViewModel.StepStatus.PENDING, vm.runs().stepStatuses().get(id));
        vm.runs().toggleSkipSelected();
        assertEquals(MainViewModel.StepStatus.SKIPPED, vm.runs().stepStatuses().get(id));
        assertTrue(vm.runs().runState().skipRequests().contains(id));
        vm.runs().toggleSkipSelected();
        assertEquals(MainViewModel.StepStatus.PENDING, vm.runs().stepStatuses().get(id));

        vm.runs().stepStatuses().put(id, MainViewModel.StepStatus.DONE);
        vm.runs().skip(id, true);
        assertEquals(id + " is done: only a pending step can be skipped", vm.statusProperty().get());
        assertEquals(MainViewModel.StepStatus.DONE, vm.runs().stepStatuses().get(id));
    }

    @Test
    void openedAndSavedFilesComeFirstInTheRecentFiles(@TempDir Path dir) throws Exception {
        assertTrue(vm.recentFiles().files().isEmpty(), "a sample is no file of the user's");
        Path saved = dir.resolve("saved.sql");
        vm.save(saved);
        Path other = dir.resolve("other.sql");
        Files.writeString(other, "SELECT 1;");
        vm.open(other);
        assertEquals(List.of(other.toAbsolutePath().toString(), saved.toAbsolutePath().toString()),
                vm.recentFiles().files());
    }
}
