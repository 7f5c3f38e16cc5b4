package dev.phasewise.ui;

import dev.phasewise.testing.DjangoProjects;
import dev.phasewise.ui.app.MainWindow;
import dev.phasewise.ui.django.DjangoProjectViewModel.AppGroup;
import dev.phasewise.ui.django.DjangoProjectViewModel.MigrationRow;
import dev.phasewise.ui.model.PlanDocument;
import dev.phasewise.ui.window.MainViewModel;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeView;
import javafx.stage.Stage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * File ▸ Open Django project in the window: the panel beside the timeline lists the blog project's apps and
 * their migrations in plan order with what each one's analysis found; a click opens a migration as its SQL
 * in the timeline and the step detail; a project that cannot be read says why in the panel.
 */
@ExtendWith(ApplicationExtension.class)
class DjangoProjectWindowTest {
    @TempDir
    static Path dir;
    static Path blog;

    private MainWindow window;
    private MainViewModel vm;

    @BeforeAll
    static void copyTheBlog() throws Exception {
        DjangoProjects.python();
        blog = DjangoProjects.copyBlogInto(dir);
    }

    @Start
    void start(Stage stage) {
        window = UiTestSupport.window(stage, dir, null);
        vm = window.viewModel();
    }

    private void listed() {
        UiTestSupport.waitFor(60, () -> !vm.django().loadingProperty().get()
                && (vm.django().listingProperty().get() != null || vm.django().errorProperty().get() != null));
        WaitForAsyncUtils.waitForFxEvents();
    }

    private void analysed() {
        UiTestSupport.waitFor(20, () -> !vm.analysingProperty().get() && !vm.analysisProperty().get().byStep().isEmpty());
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** The app's rows as the tree orders them (a lookup's order is not the scene's). */
    private List<String> rowTexts(FxRobot robot, String app) {
        TreeView<?> tree = robot.lookup("#django-migrations").queryAs(TreeView.class);
        return tree.getRoot().getChildren().stream().filter(a -> a.getValue() instanceof AppGroup g && g.app().equals(app))
                .flatMap(a -> a.getChildren().stream()).map(r -> ((MigrationRow) r.getValue()).text()).toList();
    }

    private String badge(FxRobot robot, String label) {
        Node row = robot.lookup("#django-row-" + label.replaceAll("[^A-Za-z0-9_-]", "_")).query();
        return robot.from(row).lookup(".django-findings").queryAs(Label.class).getText();
    }

    @Test
    void theProjectIsListedBesideTheTimelineAndAMigrationOpensAsItsSql(FxRobot robot) throws Exception {
        MenuBar bar = robot.lookup("#menu-bar").queryAs(MenuBar.class);
        MenuItem item = bar.getMenus().get(0).getItems().stream().filter(i -> "open-django-item".equals(i.getId()))
                .findFirst().orElseThrow();
        assertEquals("Open Django project…", item.getText());
        assertTrue(robot.lookup("#django-project").queryAll().isEmpty(), "no panel before a project is opened");

        robot.interact(() -> window.openDjangoProject(blog));
        // its Django runs in the background: the panel says so meanwhile, the window stays usable
        assertTrue(robot.lookup("#django-project").tryQuery().isPresent());
        listed();
        assertEquals("", vm.django().errorProperty().get() == null ? "" : vm.django().errorProperty().get());
        String state = robot.lookup("#django-state").queryAs(Label.class).getText();
        assertTrue(state.contains("migrations in plan order, each linted with the earlier ones as its schema"), state);
        assertTrue(robot.lookup("#django-heading").queryAs(Label.class).getText().startsWith("blog · Django "));

        // the project's own apps are unfolded, their migrations in plan order with their findings
        List<String> articles = rowTexts(robot, "articles");
        assertEquals(5, articles.size(), articles.toString());
        assertTrue(articles.get(0).endsWith(" 0001_initial") && articles.get(4).endsWith(" 0005_backfill_summary"),
                articles.toString());
        assertEquals(2, rowTexts(robot, "tasks").size());
        // each row the tree shows is a cell on the screen, with its badge
        assertEquals("#" + articles.get(0).substring(1), robot.lookup("#django-row-articles_0001_initial")
                .lookup(".django-migration").queryAs(Label.class).getText());
        // a nullable column is safe; CREATE INDEX on the table 0001 created (with rows by now) is an error
        assertFalse(badge(robot, "articles.0002_article_summary").contains("error"), badge(robot, "articles.0002_article_summary"));
        assertTrue(badge(robot, "articles.0004_article_status_pub_idx").matches("\\d+ errors?.*"),
                badge(robot, "articles.0004_article_status_pub_idx"));
        assertTrue(robot.lookup("#django-row-articles_0004_article_status_pub_idx").lookup(".django-findings")
                .queryAs(Label.class).getStyleClass().contains(Css.FINDING_ERROR));
        assertTrue(badge(robot, "articles.0005_backfill_summary").contains("warning"),
                badge(robot, "articles.0005_backfill_summary"));

        // a click opens the migration: its statements in the timeline, analysed with the earlier migrations
        robot.clickOn("#django-row-articles_0005_backfill_summary");
        UiTestSupport.waitFor(20, () -> vm.documentProperty().get() != null
                && "articles.0005_backfill_summary.sql".equals(vm.documentProperty().get().displayName()));
        analysed();
        PlanDocument doc = vm.documentProperty().get();
        assertEquals(PlanDocument.Kind.SQL, doc.kind());
        assertTrue(doc.django().isPresent());
        assertEquals("Phasewise — articles.0005_backfill_summary.sql", window.stage().getTitle());
        assertTrue(vm.statusProperty().get().startsWith("Opened articles.0005_backfill_summary"), vm.statusProperty().get());
        List<String> headers = robot.lookup(".lane-header").queryAllAs(Label.class).stream().map(Label::getText).toList();
        assertTrue(headers.get(0).startsWith("STATEMENTS"), headers.toString());
        // the UPDATE is selected: its finding (an unbatched backfill of an existing table) in the lock panel
        robot.interact(() -> vm.selectedStepProperty().set(vm.find("stmt-2").orElseThrow()));
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(vm.analysisProperty().get().of(vm.selectedStepProperty().get()).stream()
                .anyMatch(r -> r.findings().stream().anyMatch(f -> f.rule().id().equals("PW122"))));
        TreeView<?> tree = robot.lookup("#django-migrations").queryAs(TreeView.class);
        TreeItem<?> selected = tree.getSelectionModel().getSelectedItem();
        assertTrue(selected != null && selected.getValue() instanceof MigrationRow r
                && r.label().equals("articles.0005_backfill_summary"));
        Path shot = UiTestSupport.screenshot(robot, window.root(), "django-project");
        assertTrue(Files.size(shot) > 10_000);

        // another document opened: no row stays selected, and a click opens the migration again
        robot.interact(() -> {
            try {
                vm.openSample("0042_add_summary_unsafe.sql");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(tree.getSelectionModel().getSelectedItem() == null);
        robot.clickOn("#django-row-articles_0005_backfill_summary");
        UiTestSupport.waitFor(20, () -> "articles.0005_backfill_summary.sql".equals(vm.documentProperty().get().displayName()));
    }

    @Test
    void makeItSafeOnARiskyMigrationShowsThePhasesAndSaveWritesTheDjangoFiles(FxRobot robot) throws Exception {
        Path project = DjangoProjects.copyBlogInto(dir.resolve("make-safe"));
        Path migrations = project.resolve("articles/migrations");
        robot.interact(() -> window.openDjangoProject(project));
        listed();
        robot.clickOn("#django-row-articles_0005_backfill_summary");
        UiTestSupport.waitFor(20, () -> vm.documentProperty().get() != null
                && "articles.0005_backfill_summary.sql".equals(vm.documentProperty().get().displayName()));
        analysed();

        robot.clickOn("#make-safe-button");
        UiTestSupport.waitFor(60, () -> window.beforeAfterStage() != null && window.beforeAfterStage().isShowing());
        analysed();
        PlanDocument doc = vm.documentProperty().get();
        assertEquals(PlanDocument.Kind.PLAN, doc.kind());
        List<String> headers = robot.lookup(".lane-header").queryAllAs(Label.class).stream().map(Label::getText).toList();
        assertTrue(headers.stream().anyMatch(h -> h.startsWith("BACKFILL")), headers.toString());
        assertEquals("Phasewise — 0005_backfill_summary.plan.yaml *", window.stage().getTitle());
        Node dialog = window.beforeAfterStage().getScene().getRoot();
        List<String> files = robot.from(dialog).lookup("#make-safe-django-files .django-file").queryAllAs(Label.class)
                .stream().map(Label::getText).toList();
        assertEquals("removes articles/migrations/0005_backfill_summary.py", files.get(files.size() - 1), files.toString());
        assertTrue(files.contains("writes articles/migrations/0005_backfill_summary.plan.yaml"), files.toString());
        UiTestSupport.screenshot(robot, dialog, "django-make-safe-before-after");
        robot.interact(() -> window.beforeAfterStage().close());
        assertTrue(Files.exists(migrations.resolve("0005_backfill_summary.py")), "nothing written before Save");

        // Save (Ctrl+S, no file dialog) writes the Django migrations in place of the original, and the plan
        boolean[] saved = new boolean[1];
        robot.interact(() -> saved[0] = window.save(false));
        assertTrue(saved[0], vm.statusProperty().get());
        assertFalse(Files.exists(migrations.resolve("0005_backfill_summary.py")));
        assertTrue(Files.isRegularFile(migrations.resolve("0005_backfill_summary.plan.yaml")));
        assertTrue(vm.statusProperty().get().startsWith("Wrote "), vm.statusProperty().get());
        assertEquals("Phasewise — 0005_backfill_summary.plan.yaml", window.stage().getTitle());
        // the panel lists the project again: the series in place of the original
        listed();
        UiTestSupport.waitFor(60, () -> vm.django().listingProperty().get() != null
                && vm.django().listingProperty().get().find("articles.0005_backfill_summary").isEmpty());
        WaitForAsyncUtils.waitForFxEvents();
        List<String> articles = rowTexts(robot, "articles");
        assertTrue(articles.stream().anyMatch(t -> t.contains("0005_backfill_summary_")), articles.toString());
        assertTrue(articles.stream().noneMatch(t -> t.endsWith(" 0005_backfill_summary")), articles.toString());
    }

    @Test
    void aProjectThatCannotBeReadSaysWhyInThePanel(FxRobot robot) throws Exception {
        Path broken = DjangoProjects.copyBlogInto(dir.resolve("broken"));
        Path m = broken.resolve("articles/migrations/0003_article_word_count.py");
        Files.writeString(m, Files.readString(m).replaceFirst("operations = \\[", "operations = [["));
        robot.interact(() -> window.openDjangoProject(broken));
        listed();
        Label state = robot.lookup("#django-state").queryAs(Label.class);
        assertTrue(state.getText().startsWith("Django project " + broken
                + ": migration articles.0003_article_word_count does not load"), state.getText());
        assertTrue(state.getStyleClass().contains(Css.DJANGO_ERROR));
        assertTrue(rowTexts(robot, "articles").isEmpty());
        assertFalse(vm.statusProperty().get().isEmpty());
    }
}
