package dev.phasewise.ui;

import dev.phasewise.db.ConnectionSettings;
import dev.phasewise.db.StagingGuard;
import dev.phasewise.plan.Plan;
import dev.phasewise.plan.steps.Backfill;
import dev.phasewise.plan.steps.CreateIndex;
import dev.phasewise.plan.steps.Step;
import dev.phasewise.testing.TestPostgres;
import dev.phasewise.ui.app.MainWindow;
import dev.phasewise.ui.conn.ConnectedDatabase;
import dev.phasewise.ui.explain.ExplainViewModel;
import dev.phasewise.ui.facts.TableFactsView;
import dev.phasewise.ui.model.Documents;
import dev.phasewise.ui.window.MainViewModel;
import javafx.scene.control.Label;
import javafx.scene.control.TreeTableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Path;
import java.sql.Statement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The views that need a server: EXPLAIN, table facts, estimates, the staging verdict (embedded PostgreSQL 17). */
@ExtendWith(ApplicationExtension.class)
class DatabaseViewsIT {
    @TempDir
    static Path dir;
    static String stagingUrl;
    static String previewUrl;

    private MainWindow window;
    private MainViewModel vm;

    @BeforeAll
    static void databases() throws Exception {
        stagingUrl = TestPostgres.freshDatabase(17, "ui_staging");
        previewUrl = TestPostgres.freshDatabase(17, "ui_preview");
        for (String url : new String[] {stagingUrl, previewUrl}) {
            try (java.sql.Connection c = TestPostgres.connect(url); Statement st = c.createStatement()) {
                st.execute(Documents.sampleText("schema.sql"));
                st.execute("INSERT INTO auth_user (username, email) SELECT 'u' || g, 'u' || g || '@example.org' "
                        + "FROM generate_series(1, 200) g");
                st.execute("INSERT INTO articles_article (author_id, title, slug, body, status, published_at) "
                        + "SELECT 1 + g % 200, 'title ' || g, 'slug-' || g, repeat('body ', 80), "
                        + "CASE WHEN g % 3 = 0 THEN 'draft' ELSE 'published' END, now() - g * interval '1 minute' "
                        + "FROM generate_series(1, 5000) g");
                // as if the expand phase of the sample plan had run, so its backfill can be explained
                st.execute("ALTER TABLE articles_article ADD COLUMN summary varchar(300)");
                st.execute("ANALYZE");
            }
        }
        try (java.sql.Connection c = TestPostgres.connect(stagingUrl); Statement st = c.createStatement()) {
            st.execute(StagingGuard.markSql("ui_staging"));
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

    private Step step(String kind) {
        return vm.steps().stream().map(Plan.Placed::step).filter(s -> s.kind().equals(kind)).findFirst().orElseThrow();
    }

    @Test
    void stagingDatabaseShowsExplainTableFactsAndEstimates(FxRobot robot) throws Exception {
        ConnectedDatabase c = open(stagingUrl);
        assertTrue(c.staging(), c.decision().reason());
        robot.interact(() -> vm.connected(c));
        UiTestSupport.waitFor(60, () -> vm.catalogLoadedProperty().get());
        UiTestSupport.waitFor(20, () -> !vm.analysingProperty().get());
        assertTrue(robot.lookup("#connection-label").queryAs(Label.class).getText().contains("staging"));

        // with the catalog: sizes in the lock panel, an estimate for the set-not-null (its CHECK is validated first)
        Step setNotNull = step("set-not-null");
        robot.interact(() -> vm.selectedStepProperty().set(setNotNull));
        UiTestSupport.waitFor(20, () -> robot.lookup("#lock-panel .label").queryAllAs(Label.class).stream()
                .anyMatch(l -> l.getText().contains("5.0 k rows")));
        UiTestSupport.screenshot(robot, robot.lookup("#lock-panel").queryAs(javafx.scene.control.ScrollPane.class)
                .getContent(), "lock-panel-connected");

        Backfill backfill = (Backfill) step("backfill");
        robot.interact(() -> vm.selectedStepProperty().set(backfill));
        ExplainViewModel explain = window.explainViewModel();
        UiTestSupport.waitFor(30, () -> explain.resultProperty().get() != null);
        assertTrue(explain.resultProperty().get().root().flatten().stream()
                .anyMatch(n -> "articles_article".equals(n.relation())), "the batch plan touches the table");
        TreeTableView<?> tree = robot.lookup("#explain-tree").queryAs(TreeTableView.class);
        assertNotNull(tree.getRoot());
        // ANALYZE on staging: the batch really runs, in a transaction that is rolled back
        robot.interact(() -> explain.analyzeProperty().set(true));
        UiTestSupport.waitFor(30, () -> explain.resultProperty().get() != null && explain.resultProperty().get().analyzed());
        assertNotNull(explain.resultProperty().get().root().actualTotalTime());
        try (java.sql.Connection s = c.database().newSession(); Statement st = s.createStatement();
             var rs = st.executeQuery("SELECT count(*) FROM articles_article WHERE summary IS NULL")) {
            rs.next();
            assertEquals(5000, rs.getInt(1), "the analysed batch was rolled back");
        }
        // a batch that scans the whole table is warned about, and the warning is listed
        javafx.scene.control.ListView<?> warningList = robot.lookup("#explain-warnings").queryAs(javafx.scene.control.ListView.class);
        assertEquals(explain.warnings().size(), warningList.getItems().size());
        UiTestSupport.screenshot(robot, robot.lookup("#explain-view").query(), "explain");
        robot.interact(() -> explain.analyzeProperty().set(false));

        TableFactsView facts = robot.lookup("#table-facts").queryAs(TableFactsView.class);
        UiTestSupport.waitFor(30, () -> facts.viewModel().snapshotProperty().get() != null);
        assertEquals("articles_article", facts.viewModel().snapshotProperty().get().facts().name());
        assertTrue(facts.viewModel().snapshotProperty().get().facts().indexes().size() >= 2);
        robot.interact(() -> window.selectSideTab(1));
        UiTestSupport.screenshot(robot, window.root(), "connected-table-facts");

        // a create-index step: compare a query's plan before and after the index (rolled back)
        robot.interact(() -> {
            try {
                vm.openSample("article-published-index.plan.yaml");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        UiTestSupport.waitFor(20, () -> !vm.analysingProperty().get());
        CreateIndex index = (CreateIndex) step("create-index");
        robot.interact(() -> {
            vm.selectedStepProperty().set(index);
            explain.compare(index, "SELECT id, title FROM articles_article WHERE status = 'published' "
                    + "ORDER BY published_at DESC LIMIT 20",
                    c);
        });
        UiTestSupport.waitFor(30, () -> explain.afterProperty().get() != null
                || explain.messageProperty().get().startsWith("Compare failed"));
        assertNotNull(explain.afterProperty().get(), explain.messageProperty().get());
        assertTrue(explain.messageProperty().get().startsWith("Before:"), explain.messageProperty().get());
        assertTrue(explain.resultProperty().get().root().flatten().stream().anyMatch(n -> "Seq Scan".equals(n.nodeType())),
                "before the index: a sequential scan");
        assertTrue(explain.afterProperty().get().root().flatten().stream().anyMatch(n -> index.name().equals(n.indexName())),
                () -> "after: the new index is used; " + explain.messageProperty().get() + " "
                        + explain.afterProperty().get().root().flatten().stream().map(n -> n.nodeType() + "/" + n.indexName()
                        + "/" + n.relation()).toList());
        UiTestSupport.screenshot(robot, robot.lookup("#explain-view").query(), "explain-compare");
        // the rollback left no index behind
        try (java.sql.Connection s = c.database().newSession(); Statement st = s.createStatement();
             var rs = st.executeQuery("SELECT count(*) FROM pg_indexes WHERE indexname = '" + index.name() + "'")) {
            rs.next();
            assertEquals(0, rs.getInt(1));
        }
    }

    /** The dialog: test a connection (in the background), see the version and verdict; the password is never saved. */
    @Test
    void connectionDialogTestsAndSavesWithoutThePassword(FxRobot robot) throws Exception {
        Path profilesFile = dir.resolve("dialog-profiles.yaml");
        dev.phasewise.db.Profiles profiles = new dev.phasewise.db.Profiles(profilesFile);
        dev.phasewise.ui.conn.ConnectionViewModel cvm = new dev.phasewise.ui.conn.ConnectionViewModel(vm.tasks(), profiles);
        java.util.concurrent.atomic.AtomicReference<dev.phasewise.ui.conn.ConnectionDialog> dialog =
                new java.util.concurrent.atomic.AtomicReference<>();
        robot.interact(() -> {
            dialog.set(new dev.phasewise.ui.conn.ConnectionDialog(cvm));
            dialog.get().initOwner(window.stage());
            dialog.get().show();
        });
        robot.interact(() -> {
            cvm.nameProperty().set("copy");
            cvm.urlProperty().set(previewUrl);
            cvm.passwordProperty().set("postgres");
        });
        robot.clickOn("#test-connection");
        UiTestSupport.waitFor(30, () -> cvm.testedProperty().get() != null);
        String result = cvm.resultProperty().get();
        assertTrue(result.startsWith("PostgreSQL 17"), result);
        assertTrue(result.contains("Preview only"), result);
        robot.interact(cvm::save);
        String saved = java.nio.file.Files.readString(profilesFile);
        assertTrue(saved.contains("name: copy"), saved);
        assertFalse(saved.contains("password"), saved);
        UiTestSupport.screenshot(robot, dialog.get().getDialogPane(), "connection-dialog");
        robot.interact(() -> {
            ConnectedDatabase c = cvm.take();
            dialog.get().close();
            vm.connected(c);
        });
        assertTrue(robot.lookup("#connection-label").queryAs(Label.class).getText().contains("preview only"));
    }

    @Test
    void aDatabaseNotMarkedStagingIsPreviewOnly(FxRobot robot) throws Exception {
        ConnectedDatabase c = open(previewUrl);
        assertFalse(c.staging());
        assertEquals(StagingGuard.Verdict.PREVIEW_ONLY, c.decision().verdict());
        robot.interact(() -> vm.connected(c));
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(robot.lookup("#connection-label").queryAs(Label.class).getText().contains("preview only"));
        robot.interact(() -> {
            try {
                vm.openSample("article-published-index.plan.yaml");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        CreateIndex index = (CreateIndex) step("create-index");
        ExplainViewModel explain = window.explainViewModel();
        robot.interact(() -> {
            vm.selectedStepProperty().set(index);
            explain.compare(index, "SELECT 1", c);
        });
        assertTrue(explain.messageProperty().get().startsWith("Before/after needs a staging database"),
                explain.messageProperty().get());
        UiTestSupport.waitFor(60, () -> vm.catalogLoadedProperty().get());
        UiTestSupport.screenshot(robot, window.root(), "preview-only");
    }
}
