package dev.phasewise.ui;

import dev.phasewise.db.ConnectionSettings;
import dev.phasewise.db.StagingGuard;
import dev.phasewise.run.RunEvent;
import dev.phasewise.testing.TestPostgres;
import dev.phasewise.ui.app.MainWindow;
import dev.phasewise.ui.app.PlanRunControls;
import dev.phasewise.ui.conn.ConnectedDatabase;
import dev.phasewise.ui.model.Documents;
import dev.phasewise.ui.window.MainViewModel;
import javafx.scene.control.ListView;
import javafx.stage.Stage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import java.nio.file.Path;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A run from the window, on embedded PostgreSQL 17: the sample plan runs with its backfill through
 * the batched executor, the timeline's statuses, the live backfill panel and the run log follow it, Pause
 * holds the backfill between batches and resumes it, the deploy gates wait until their checklist is ticked
 * in the timeline, and a database not marked staging is refused. Then, on a second database: one step run
 * alone, a step skipped (not executed: the database says so), "Stop at gate", Cancel while a gate waits,
 * and the log's auto-scroll.
 */
@ExtendWith(ApplicationExtension.class)
class RunViewIT {
    private static final int ARTICLES = 60_000;
    @TempDir
    static Path dir;
    static String stagingUrl;
    static String previewUrl;
    static String skipUrl;
    private static final int SKIP_ARTICLES = 3_000;

    private MainWindow window;
    private MainViewModel vm;

    @BeforeAll
    static void databases() throws Exception {
        stagingUrl = TestPostgres.freshDatabase(17, "ui_run");
        previewUrl = TestPostgres.freshDatabase(17, "ui_run_preview");
        skipUrl = TestPostgres.freshDatabase(17, "ui_run_skip");
        for (String url : new String[] {stagingUrl, previewUrl, skipUrl}) {
            try (java.sql.Connection c = TestPostgres.connect(url); Statement st = c.createStatement()) {
                st.execute(Documents.sampleText("schema.sql"));
                st.execute("INSERT INTO auth_user (username, email) SELECT 'u' || g, 'u' || g || '@example.org' "
                        + "FROM generate_series(1, 100) g");
                st.execute("INSERT INTO articles_article (author_id, title, slug, body, status) "
                        + "SELECT 1 + g % 100, 'title ' || g, 'slug-' || g, repeat('body ', 120), 'published' "
                        + "FROM generate_series(1, " + (url.equals(skipUrl) ? SKIP_ARTICLES : ARTICLES) + ") g");
                st.execute("ANALYZE");
            }
        }
        try (java.sql.Connection c = TestPostgres.connect(stagingUrl); Statement st = c.createStatement()) {
            st.execute(StagingGuard.markSql("ui_run"));
        }
        try (java.sql.Connection c = TestPostgres.connect(skipUrl); Statement st = c.createStatement()) {
            st.execute(StagingGuard.markSql("ui_run_skip"));
        }
    }

    @Start
    void start(Stage stage) {
        window = UiTestSupport.window(stage, dir, Documents.DEFAULT_SAMPLE);
        vm = window.viewModel();
    }

    private static ConnectedDatabase open(String url) {
        return ConnectedDatabase.open("test", ConnectionSettings.parse(url + "&password=postgres"), false, null);
    }

    @Test
    void aRunFromTheWindowFollowsTheBackfillPausesResumesAndFinishes(FxRobot robot) throws Exception {
        UiTestSupport.waitFor(20, () -> !vm.analysingProperty().get());
        ConnectedDatabase preview = open(previewUrl);
        robot.interact(() -> {
            vm.connected(preview);
            vm.runs().run();
        });
        assertTrue(vm.statusProperty().get().startsWith("Runs need a staging database"), vm.statusProperty().get());

        ConnectedDatabase staging = open(stagingUrl);
        PlanRunControls runs = new PlanRunControls(vm);
        robot.interact(() -> {
            vm.connected(staging);
            vm.runs().setControls(runs);
        });
        UiTestSupport.waitFor(20, () -> !vm.analysingProperty().get());
        UiTestSupport.waitFor(30, () -> vm.catalogLoadedProperty().get()); // its status line would cover the run's
        String addColumn = vm.steps().get(0).step().id();
        String backfill = vm.steps().get(1).step().id();
        robot.clickOn("#run-button");

        // the first deploy gate: the run waits there until both items are ticked in the timeline
        waitForActiveGate("expand");
        assertEquals(MainViewModel.StepStatus.DONE, vm.runs().stepStatuses().get(addColumn));
        tick(robot, "expand", 0);
        Thread.sleep(1000);
        assertEquals(MainViewModel.StepStatus.PENDING, vm.runs().stepStatuses().get(backfill), "one item ticked: still waiting");
        assertTrue(gateActive("expand"));
        assertTrue(vm.statusProperty().get().contains("tick its checklist in the timeline"), vm.statusProperty().get());
        UiTestSupport.screenshot(robot, window.root(), "gate-checklist");
        tick(robot, "expand", 1);

        // the backfill is under way: pause it between batches
        UiTestSupport.waitFor(60, () -> vm.runs().backfillProgressProperty().get() != null
                && vm.runs().backfillProgressProperty().get().rowsDone() > 0);
        robot.interact(runs::pause);
        Thread.sleep(700); // a batch that was running commits, then the workers hold
        long held = vm.runs().backfillProgressProperty().get().rowsDone();
        // paused, the live view still refreshes its clock: the engine repeats its last figures, time moved on
        AtomicInteger updates = new AtomicInteger();
        javafx.beans.value.ChangeListener<RunEvent.BackfillProgress> counter = (o, a, b) -> updates.incrementAndGet();
        robot.interact(() -> vm.runs().backfillProgressProperty().addListener(counter));
        RunEvent.BackfillProgress before = vm.runs().backfillProgressProperty().get();
        String figuresBefore = label(robot, "#live-clock");
        Thread.sleep(1200);
        robot.interact(() -> vm.runs().backfillProgressProperty().removeListener(counter));
        RunEvent.BackfillProgress after = vm.runs().backfillProgressProperty().get();
        assertEquals(held, after.rowsDone(), "paused: no batch runs");
        assertTrue(held < ARTICLES, "paused midway");
        assertTrue(updates.get() >= 10, "paused: " + updates.get() + " updates of the live view in 1.2 s");
        assertEquals("paused", after.state());
        assertTrue(after.elapsed().minus(before.elapsed()).toMillis() >= 1000, before.elapsed() + " -> " + after.elapsed());
        assertTrue(after.sinceCommit().toMillis() >= 1200, "the last commit was before the pause: " + after.sinceCommit());
        String figuresAfter = label(robot, "#live-clock");
        assertTrue(!figuresAfter.equals(figuresBefore) && figuresAfter.matches("elapsed \\d+\\.\\d s · ETA .* · last "
                + "commit \\d+\\.\\d s ago · paused"), figuresBefore + " -> " + figuresAfter);
        UiTestSupport.screenshot(robot, window.root(), "run-backfill-paused");
        UiTestSupport.screenshot(robot, robot.lookup("#live-panel").query(), "live-backfill-paused");
        robot.interact(runs::pause); // pressed again: resumes

        waitForActiveGate("backfill");
        tick(robot, "backfill", 0);
        tick(robot, "backfill", 1);
        UiTestSupport.waitFor(120, () -> !runs.running());
        org.testfx.util.WaitForAsyncUtils.waitForFxEvents();
        vm.steps().forEach(p -> assertEquals(MainViewModel.StepStatus.DONE, vm.runs().stepStatuses().get(p.step().id()),
                p.step().id() + ": " + vm.statusProperty().get()));
        assertEquals(ARTICLES, vm.runs().backfillProgressProperty().get().rowsDone());
        assertEquals(1.0, vm.runs().backfillProgressProperty().get().fraction());
        assertTrue(vm.statusProperty().get().contains("SUCCEEDED"), vm.statusProperty().get());
        javafx.scene.chart.LineChart<?, ?> rate = (javafx.scene.chart.LineChart<?, ?>) robot.lookup("#backfill-charts")
                .queryAs(javafx.scene.layout.HBox.class).getChildren().get(0);
        assertTrue(rate.getData().get(0).getData().size() >= 2, "the rows/s chart has points");

        // the run log: a line per event, the backfill summarised rather than one line per batch
        List<String> log = List.copyOf(vm.runs().runState().log().lines());
        assertTrue(has(log, "step " + addColumn + " started"), String.join("\n", log));
        assertTrue(has(log, "step " + addColumn + " done in"), String.join("\n", log));
        assertTrue(has(log, "step " + backfill + " verified"), String.join("\n", log));
        assertTrue(has(log, "gate item ticked: the new release is live on every instance"), String.join("\n", log));
        assertTrue(has(log, "run succeeded"), String.join("\n", log));
        long backfillLines = log.stream().filter(l -> l.contains("backfill " + backfill)).count();
        // 12 batches, each sending several progress events: a line per state change and per tenth
        assertTrue(backfillLines >= 3 && backfillLines <= 24, backfillLines + " backfill lines:\n"
                + String.join("\n", log));
        assertTrue(log.get(0).matches("\\d\\d:\\d\\d:\\d\\d\\.\\d{3}  .*"), "timestamped: " + log.get(0));
        assertEquals(log.size(), robot.lookup("#run-log").queryListView().getItems().size(), "the pane shows the log");
        // for the screenshot: the backfill's summary lines in view, the line of its pause selected
        ListView<String> pane = robot.lookup("#run-log").queryListView();
        int firstBackfill = indexOf(log, "backfill " + backfill);
        robot.interact(() -> {
            pane.scrollTo(Math.max(0, firstBackfill - 2));
            pane.getSelectionModel().select(indexOf(log, "backfill " + backfill + " paused"));
        });
        UiTestSupport.screenshot(robot, window.root(), "run-log");
        UiTestSupport.screenshot(robot, window.root(), "run-finished");
        assertEquals("4", one(stagingUrl, "SELECT count(*) FROM phasewise.run_gates WHERE confirmed_by LIKE "
                + "'desktop: %(ticked in the timeline)'"), "the ticks are recorded in the run store");
        try (java.sql.Connection c = TestPostgres.connect(stagingUrl); Statement st = c.createStatement();
             var rs = st.executeQuery("SELECT count(*) FROM articles_article WHERE summary IS NULL")) {
            rs.next();
            assertEquals(0, rs.getInt(1));
        }
    }

    @Test
    void oneStepAloneThenASkippedStepStopAtGateAndCancelAtGate(FxRobot robot) throws Exception {
        UiTestSupport.waitFor(20, () -> !vm.analysingProperty().get());
        ConnectedDatabase staging = open(skipUrl);
        PlanRunControls runs = new PlanRunControls(vm);
        robot.interact(() -> {
            vm.connected(staging);
            vm.runs().setControls(runs);
        });
        UiTestSupport.waitFor(20, () -> !vm.analysingProperty().get());
        String addColumn = vm.steps().get(0).step().id();
        String backfill = vm.steps().get(1).step().id();
        String setNotNull = vm.steps().get(2).step().id();

        // one step alone: the add-column, with its verification, no gate
        click(robot, "#step-" + addColumn.replaceAll("[^A-Za-z0-9_-]", "_"), false);
        robot.clickOn("#run-step-button");
        UiTestSupport.waitFor(60, () -> !runs.running() && vm.runs().stepStatuses().get(addColumn) == MainViewModel.StepStatus.DONE);
        assertEquals(MainViewModel.StepStatus.PENDING, vm.runs().stepStatuses().get(backfill));
        assertEquals(MainViewModel.StepStatus.PENDING, vm.runs().stepStatuses().get(setNotNull));
        assertEquals("1", one(skipUrl, "SELECT count(*) FROM information_schema.columns WHERE table_name = "
                + "'articles_article' AND column_name = 'summary'"));
        assertEquals(addColumn, one(skipUrl, "SELECT string_agg(DISTINCT step_id, ',') FROM phasewise.run_steps"));
        assertEquals("0", one(skipUrl, "SELECT count(*) FROM phasewise.run_gates"));
        List<String> log = List.copyOf(vm.runs().runState().log().lines());
        assertTrue(has(log, "step " + addColumn + " verified"), String.join("\n", log));

        // skip the backfill from its context menu, then run the plan: the backfill is not executed
        click(robot, "#step-" + backfill.replaceAll("[^A-Za-z0-9_-]", "_"), true);
        org.testfx.util.WaitForAsyncUtils.waitForFxEvents();
        robot.clickOn("Skip");
        assertEquals(MainViewModel.StepStatus.SKIPPED, vm.runs().stepStatuses().get(backfill));
        robot.clickOn("#run-button");
        waitForActiveGate("expand");
        tick(robot, "expand", 0);
        tick(robot, "expand", 1);
        waitForActiveGate("backfill");
        assertEquals(MainViewModel.StepStatus.SKIPPED, vm.runs().stepStatuses().get(backfill));
        click(robot, "#gate-backfill-stop", false);
        UiTestSupport.waitFor(30, () -> !runs.running());
        assertTrue(vm.statusProperty().get().contains("WAITING_AT_GATE"), vm.statusProperty().get());
        assertEquals(MainViewModel.StepStatus.PENDING, vm.runs().stepStatuses().get(setNotNull), "stopped before contract");
        assertEquals(Integer.toString(SKIP_ARTICLES), one(skipUrl, "SELECT count(*) FROM articles_article "
                + "WHERE summary IS NULL"), "the skipped backfill did not run");
        assertEquals("skipped", one(skipUrl, "SELECT status FROM phasewise.run_steps WHERE step_id = '" + backfill
                + "'"));
        assertTrue(has(List.copyOf(vm.runs().runState().log().lines()), "step " + backfill + " skipped"));

        // Resume from the window: the same run goes on at the gate it stopped at, and its contract step runs
        String stopped = vm.runs().runState().resumable().get();
        assertTrue(stopped != null && vm.statusProperty().get().contains(stopped), vm.statusProperty().get());
        robot.clickOn("#resume-button");
        waitForActiveGate("backfill");
        tick(robot, "backfill", 0);
        tick(robot, "backfill", 1);
        UiTestSupport.waitFor(60, () -> !runs.running());
        // the skipped backfill left every summary NULL, so the contract's NOT NULL check fails: in that same run
        assertTrue(vm.statusProperty().get().startsWith("Run " + stopped + ": FAILED"), vm.statusProperty().get());
        assertEquals(MainViewModel.StepStatus.FAILED, vm.runs().stepStatuses().get(setNotNull));
        assertEquals(MainViewModel.StepStatus.SKIPPED, vm.runs().stepStatuses().get(backfill), "not run by the resume either");
        assertEquals(MainViewModel.StepStatus.DONE, vm.runs().stepStatuses().get(addColumn));
        assertEquals(stopped, vm.runs().runState().resumable().get(), "a failed run can be resumed again");
        assertEquals(Integer.toString(SKIP_ARTICLES), one(skipUrl, "SELECT count(*) FROM articles_article "
                + "WHERE summary IS NULL"));

        // Cancel while the run waits at a gate: the runner thread is released at once
        robot.clickOn("#run-button");
        waitForActiveGate("expand");
        long t0 = System.nanoTime();
        robot.clickOn("#cancel-button");
        UiTestSupport.waitFor(10, () -> !runs.running());
        assertTrue(System.nanoTime() - t0 < 5_000_000_000L, "cancel does not wait for the gate");
        assertTrue(vm.statusProperty().get().contains("CANCELLED"), vm.statusProperty().get());
        assertTrue(!gateActive("expand"));

        // the log follows new lines at the end, and stays put once scrolled up
        ListView<String> list = robot.lookup("#run-log").queryListView();
        robot.interact(() -> {
            for (int i = 0; i < 200; i++) {
                vm.runs().runState().log().append("filler " + i);
            }
        });
        org.testfx.util.WaitForAsyncUtils.waitForFxEvents();
        robot.interact(() -> vm.runs().runState().log().append("the newest line"));
        UiTestSupport.waitFor(5, () -> lastVisible(list) >= list.getItems().size() - 1); // follows the end
        // the user scrolls up with the wheel (and to the very top)
        robot.moveTo(list).scroll(40, javafx.geometry.VerticalDirection.UP);
        robot.interact(() -> list.scrollTo(0));
        Thread.sleep(300); // a few pulses: the view has settled at the top
        org.testfx.util.WaitForAsyncUtils.waitForFxEvents();
        robot.interact(() -> vm.runs().runState().log().append("one more"));
        Thread.sleep(300);
        org.testfx.util.WaitForAsyncUtils.waitForFxEvents();
        AtomicInteger last = new AtomicInteger();
        robot.interact(() -> last.set(lastVisible(list)));
        assertTrue(last.get() < list.getItems().size() - 10, "scrolled up: stays put, last visible " + last.get());
    }

    /** On the FX thread: the index of the last line the log pane shows. */
    private static int lastVisible(ListView<String> list) {
        javafx.scene.control.skin.VirtualFlow<?> flow =
                (javafx.scene.control.skin.VirtualFlow<?>) list.lookup(".virtual-flow");
        return flow.getLastVisibleCell().getIndex();
    }

    /** Ticks a gate item in the timeline, again if a rebuild swallowed the click, until the box shows it ticked. */
    private static void tick(FxRobot robot, String after, int item) {
        String query = "#gate-" + after + "-item-" + item;
        for (int i = 0; i < 5; i++) {
            click(robot, query, false);
            try {
                UiTestSupport.waitFor(2, () -> {
                    var box = robot.lookup(query).queryAs(javafx.scene.control.CheckBox.class);
                    return box != null && box.isSelected();
                });
                return;
            } catch (AssertionError retry) {
                // the click fell between two layouts of the timeline
            }
        }
        throw new AssertionError(query + " could not be ticked");
    }

    /**
     * Clicks the node the query finds. The timeline is rebuilt when a status changes, so a block found a moment
     * ago may have been replaced by the time the robot moves to it: look it up again and retry then.
     */
    private static void click(FxRobot robot, String query, boolean right) {
        RuntimeException last = null;
        for (int i = 0; i < 10; i++) {
            org.testfx.util.WaitForAsyncUtils.waitForFxEvents();
            try {
                var node = robot.lookup(query).query();
                if (right) {
                    robot.rightClickOn(node);
                } else {
                    robot.clickOn(node);
                }
                return;
            } catch (RuntimeException e) {
                last = e;
            }
        }
        throw last;
    }

    private void waitForActiveGate(String after) {
        UiTestSupport.waitFor(60, () -> gateActive(after));
        org.testfx.util.WaitForAsyncUtils.waitForFxEvents();
    }

    private boolean gateActive(String after) {
        AtomicBoolean active = new AtomicBoolean();
        org.testfx.util.WaitForAsyncUtils.waitForFxEvents();
        try {
            org.testfx.util.WaitForAsyncUtils.asyncFx(() -> {
                var gate = window.root().lookup("#gate-" + after);
                active.set(gate != null && gate.getStyleClass().contains("gate-active"));
            }).get();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        return active.get();
    }

    private static String label(FxRobot robot, String query) {
        org.testfx.util.WaitForAsyncUtils.waitForFxEvents();
        return robot.lookup(query).queryAs(javafx.scene.control.Label.class).getText();
    }

    private static int indexOf(List<String> log, String text) {
        for (int i = 0; i < log.size(); i++) {
            if (log.get(i).contains(text)) {
                return i;
            }
        }
        throw new AssertionError("no line with " + text + " in\n" + String.join("\n", log));
    }

    private static boolean has(List<String> log, String text) {
        return log.stream().anyMatch(l -> l.contains(text));
    }

    private static String one(String url, String sql) throws Exception {
        try (java.sql.Connection c = TestPostgres.connect(url); Statement st = c.createStatement();
             var rs = st.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        }
    }
}
