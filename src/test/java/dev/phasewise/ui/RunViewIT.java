package dev.phasewise.ui;

import dev.phasewise.db.ConnectionSettings;
import dev.phasewise.db.StagingGuard;
import dev.phasewise.testing.TestPostgres;
import dev.phasewise.ui.app.MainViewModel;
import dev.phasewise.ui.app.MainWindow;
import dev.phasewise.ui.app.PlanRunControls;
import dev.phasewise.ui.conn.Connection;
import dev.phasewise.ui.model.Documents;
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
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A run from the window, on embedded PostgreSQL 17: the sample plan runs with its backfill through
 * the batched executor, the timeline's statuses and the live backfill panel follow it, Pause holds
 * the backfill between batches and resumes it, gates are asked item by item, and a database not
 * marked staging is refused.
 */
@ExtendWith(ApplicationExtension.class)
class RunViewIT {
    private static final int ARTICLES = 60_000;
    @TempDir
    static Path dir;
    static String stagingUrl;
    static String previewUrl;

    private MainWindow window;
    private MainViewModel vm;

    @BeforeAll
    static void databases() throws Exception {
        stagingUrl = TestPostgres.freshDatabase(17, "ui_run");
        previewUrl = TestPostgres.freshDatabase(17, "ui_run_preview");
        for (String url : new String[] {stagingUrl, previewUrl}) {
            try (java.sql.Connection c = TestPostgres.connect(url); Statement st = c.createStatement()) {
                st.execute(Documents.sampleText("schema.sql"));
                st.execute("INSERT INTO auth_user (username, email) SELECT 'u' || g, 'u' || g || '@example.org' "
                        + "FROM generate_series(1, 100) g");
                st.execute("INSERT INTO articles_article (author_id, title, slug, body, status) "
                        + "SELECT 1 + g % 100, 'title ' || g, 'slug-' || g, repeat('body ', 120), 'published' "
                        + "FROM generate_series(1, " + ARTICLES + ") g");
                st.execute("ANALYZE");
            }
        }
        try (java.sql.Connection c = TestPostgres.connect(stagingUrl); Statement st = c.createStatement()) {
            st.execute(StagingGuard.markSql("ui_run"));
        }
    }

    @Start
    void start(Stage stage) {
        window = UiTestSupport.window(stage, dir, Documents.DEFAULT_SAMPLE);
        vm = window.viewModel();
    }

    private static Connection open(String url) {
        return Connection.open("test", ConnectionSettings.parse(url + "&password=postgres"), false, null);
    }

    @Test
    void aRunFromTheWindowFollowsTheBackfillPausesResumesAndFinishes(FxRobot robot) throws Exception {
        UiTestSupport.waitFor(20, () -> !vm.analysingProperty().get());
        Connection preview = open(previewUrl);
        robot.interact(() -> {
            vm.connected(preview);
            vm.requestRun();
        });
        assertTrue(vm.statusProperty().get().startsWith("Runs need a staging database"), vm.statusProperty().get());

        Connection staging = open(stagingUrl);
        AtomicInteger gateItems = new AtomicInteger();
        PlanRunControls runs = new PlanRunControls(vm, (gate, item) -> {
            gateItems.incrementAndGet();
            return true;
        });
        robot.interact(() -> {
            vm.connected(staging);
            vm.setRunControls(runs);
        });
        UiTestSupport.waitFor(20, () -> !vm.analysingProperty().get());
        robot.clickOn("#run-button");
        // the backfill is under way: pause it between batches
        UiTestSupport.waitFor(60, () -> vm.backfillProgressProperty().get() != null
                && vm.backfillProgressProperty().get().rowsDone() > 0);
        robot.interact(runs::pause);
        Thread.sleep(700); // a batch that was running commits, then the workers hold
        long held = vm.backfillProgressProperty().get().rowsDone();
        Thread.sleep(1200);
        assertEquals(held, vm.backfillProgressProperty().get().rowsDone(), "paused: no batch runs");
        assertTrue(held < ARTICLES, "paused midway");
        UiTestSupport.screenshot(robot, window.root(), "run-backfill-paused");
        robot.interact(runs::pause); // pressed again: resumes
        UiTestSupport.waitFor(120, () -> !runs.running());
        org.testfx.util.WaitForAsyncUtils.waitForFxEvents();
        vm.steps().forEach(p -> assertEquals(MainViewModel.StepStatus.DONE, vm.stepStatuses().get(p.step().id()),
                p.step().id() + ": " + vm.statusProperty().get()));
        assertEquals(ARTICLES, vm.backfillProgressProperty().get().rowsDone());
        assertEquals(1.0, vm.backfillProgressProperty().get().fraction());
        assertTrue(gateItems.get() >= 2, "the deploy gates' items were asked");
        assertTrue(vm.statusProperty().get().contains("SUCCEEDED"), vm.statusProperty().get());
        javafx.scene.chart.LineChart<?, ?> rate = (javafx.scene.chart.LineChart<?, ?>) robot.lookup("#backfill-charts")
                .queryAs(javafx.scene.layout.HBox.class).getChildren().get(0);
        assertTrue(rate.getData().get(0).getData().size() >= 2, "the rows/s chart has points");
        UiTestSupport.screenshot(robot, window.root(), "run-finished");
        try (java.sql.Connection c = TestPostgres.connect(stagingUrl); Statement st = c.createStatement();
             var rs = st.executeQuery("SELECT count(*) FROM articles_article WHERE summary IS NULL")) {
            rs.next();
            assertEquals(0, rs.getInt(1));
        }
    }
}
