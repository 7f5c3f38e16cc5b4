package dev.phasewise.ui;

import dev.phasewise.analysis.pg.LockMode;
import dev.phasewise.db.ConnectionSettings;
import dev.phasewise.db.StagingGuard;
import dev.phasewise.db.TracedEffect;
import dev.phasewise.db.trace.TracedFile;
import dev.phasewise.db.trace.TracedStatement;
import dev.phasewise.plan.Plan;
import dev.phasewise.plan.steps.Step;
import dev.phasewise.testing.TestPostgres;
import dev.phasewise.ui.app.MainWindow;
import dev.phasewise.ui.conn.ConnectedDatabase;
import dev.phasewise.ui.model.Documents;
import dev.phasewise.ui.trace.TraceView;
import dev.phasewise.ui.trace.TraceViewModel;
import dev.phasewise.ui.window.MainViewModel;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Trace on the selected step (embedded PostgreSQL 17): observed locks beside the prediction, nothing kept. */
@ExtendWith(ApplicationExtension.class)
class TraceIT {
    @TempDir
    static Path dir;
    static String stagingUrl;
    static String previewUrl;

    private MainWindow window;
    private MainViewModel vm;
    private TraceViewModel trace;

    @BeforeAll
    static void databases() throws Exception {
        stagingUrl = TestPostgres.freshDatabase(17, "trace_staging");
        previewUrl = TestPostgres.freshDatabase(17, "trace_preview");
        for (String url : new String[] {stagingUrl, previewUrl}) {
            try (java.sql.Connection c = TestPostgres.connect(url); Statement st = c.createStatement()) {
                st.execute(Documents.sampleText("schema.sql"));
                st.execute("INSERT INTO auth_user (username, email) SELECT 'u' || g, 'u' || g || '@example.org' "
                        + "FROM generate_series(1, 50) g");
                st.execute("INSERT INTO articles_article (author_id, title, slug, body, status, published_at) "
                        + "SELECT 1 + g % 50, 'title ' || g, 'slug-' || g, repeat('body ', 20), 'published', now() "
                        + "FROM generate_series(1, 12000) g");
                // as if the expand phase had run: the backfill and the NOT NULL have a column to work on
                st.execute("ALTER TABLE articles_article ADD COLUMN summary varchar(300)");
                st.execute("ANALYZE");
            }
        }
        try (java.sql.Connection c = TestPostgres.connect(stagingUrl); Statement st = c.createStatement()) {
            st.execute(StagingGuard.markSql("trace_staging"));
        }
    }

    @Start
    void start(Stage stage) {
        window = UiTestSupport.window(stage, dir, Documents.DEFAULT_SAMPLE);
        vm = window.viewModel();
        trace = window.traceViewModel();
    }

    private static ConnectedDatabase open(String url) {
        return ConnectedDatabase.open("test", ConnectionSettings.parse(url + "&password=postgres"), false, null);
    }

    private Step step(String kind) {
        return vm.steps().stream().map(Plan.Placed::step).filter(s -> s.kind().equals(kind)).findFirst().orElseThrow();
    }

    private TracedFile traceWithButton(FxRobot robot, Step step) {
        robot.interact(() -> vm.selectedStepProperty().set(step));
        UiTestSupport.waitFor(10, () -> !robot.lookup("#trace-button").query().isDisabled());
        robot.clickOn("#trace-button");
        UiTestSupport.waitFor(60, () -> trace.resultFor(step) != null || trace.errorProperty().get() != null);
        assertNull(trace.errorProperty().get());
        return trace.resultFor(step);
    }

    private static TracedEffect observed(TracedStatement s, String table) {
        return s.observed().tables().stream().filter(t -> t.name().equals(table)).findFirst().orElseThrow();
    }

    @Test
    void traceShowsObservedLocksBesideThePredictionAndKeepsNothing(FxRobot robot) throws Exception {
        ConnectedDatabase c = open(stagingUrl);
        assertTrue(c.staging(), c.decision().reason());
        robot.interact(() -> vm.connected(c));
        UiTestSupport.waitFor(60, () -> vm.catalogLoadedProperty().get());
        UiTestSupport.waitFor(20, () -> !vm.analysingProperty().get());

        // add-column: AccessExclusiveLock predicted and taken, no rewrite
        Step add = step("add-column");
        TracedFile addTrace = traceWithButton(robot, add);
        TracedStatement alter = addTrace.statements().get(0);
        assertTrue(alter.traced(), alter.note());
        assertEquals(LockMode.ACCESS_EXCLUSIVE, observed(alter, "articles_article").lock());
        assertEquals(0, addTrace.disagreementCount(), addTrace.statements().toString());
        Label verdict = robot.lookup("#trace-verdict").queryAs(Label.class);
        assertEquals("✓ PostgreSQL agrees with the analysis", verdict.getText());
        assertTrue(verdict.getStyleClass().contains(TraceView.AGREES));
        assertTrue(robot.lookup("#trace-view .label").queryAllAs(Label.class).stream()
                .anyMatch(l -> l.getText().equals("AccessExclusiveLock")), "the observed lock is listed");
        UiTestSupport.screenshot(robot, robot.lookup("#lock-panel").queryAs(javafx.scene.control.ScrollPane.class)
                .getContent(), "lock-panel-trace");

        // backfill: the first batch (its key range read from the table) under RowExclusiveLock, rolled back
        Step backfill = step("backfill");
        TracedFile batch = traceWithButton(robot, backfill);
        TracedStatement update = batch.statements().get(0);
        assertTrue(update.traced(), update.note());
        assertEquals(LockMode.ROW_EXCLUSIVE, observed(update, "articles_article").lock());
        assertTrue(batch.leftBehind().isEmpty(), batch.leftBehind().toString());

        // set-not-null: several statements, each traced after the ones before it
        Step notNull = step("set-not-null");
        TracedFile nn = traceWithButton(robot, notNull);
        assertTrue(nn.statements().size() > 1);
        assertTrue(nn.statements().stream().anyMatch(TracedStatement::traced));
        assertTrue(nn.leftBehind().isEmpty(), nn.leftBehind().toString());
        assertEquals(nn.disagreementCount() == 0, robot.lookup("#trace-verdict").queryAs(Label.class).getText()
                .startsWith("✓"));
        assertEquals(robot.lookup("#trace-view .trace-card").queryAll().size(), nn.statements().size());

        // nothing was kept: no summary filled, the column still nullable
        try (java.sql.Connection s = c.database().newSession(); Statement st = s.createStatement()) {
            try (ResultSet rs = st.executeQuery("SELECT count(*) FROM articles_article WHERE summary IS NOT NULL")) {
                rs.next();
                assertEquals(0, rs.getInt(1), "the traced batch was rolled back");
            }
            try (ResultSet rs = st.executeQuery("SELECT is_nullable FROM information_schema.columns "
                    + "WHERE table_name = 'articles_article' AND column_name = 'summary'")) {
                rs.next();
                assertEquals("YES", rs.getString(1), "the traced SET NOT NULL was rolled back");
            }
        }

        // another step shows no stale result
        robot.interact(() -> vm.selectedStepProperty().set(add));
        assertNull(trace.resultFor(add));
        assertFalse(robot.lookup("#trace-verdict").tryQuery().isPresent());
    }

    @Test
    void traceRefusesAPreviewOnlyDatabase(FxRobot robot) {
        ConnectedDatabase c = open(previewUrl);
        assertFalse(c.staging());
        robot.interact(() -> vm.connected(c));
        UiTestSupport.waitFor(60, () -> vm.catalogLoadedProperty().get());
        Step add = step("add-column");
        robot.interact(() -> vm.selectedStepProperty().set(add));
        robot.clickOn("#trace-button");
        UiTestSupport.waitFor(10, () -> trace.errorProperty().get() != null);
        assertTrue(trace.errorProperty().get().startsWith("Trace runs the statements (and rolls them back) only on a "
                + "staging database"), trace.errorProperty().get());
        Label error = robot.lookup("#trace-error").queryAs(Label.class);
        assertNotNull(error);
        assertEquals(trace.errorProperty().get(), error.getText());
        assertNull(trace.resultFor(add));
        assertEquals(List.of(), List.copyOf(robot.lookup("#trace-verdict").queryAll()));
    }
}
