package dev.phasewise.ui.window;

import dev.phasewise.analysis.StatementResult;
import dev.phasewise.analysis.rules.Finding;
import dev.phasewise.analysis.rules.Severity;
import dev.phasewise.django.DjangoMigration;
import dev.phasewise.django.DjangoProjectException;
import dev.phasewise.plan.Plan;
import dev.phasewise.plan.steps.RawSql;
import dev.phasewise.testing.DjangoProjects;
import dev.phasewise.ui.HandTimer;
import dev.phasewise.ui.ImmediateWork;
import dev.phasewise.ui.django.DjangoProjectViewModel;
import dev.phasewise.ui.model.DjangoProjectListing;
import dev.phasewise.ui.model.PlanDocument;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * File ▸ Open Django project without a window: the blog project's own Django lists its migrations, each
 * analysed with the earlier ones as its schema, the same as {@code django lint}; a migration opens as its SQL
 * with that analysis; a project that cannot be read says why (naming the project and the migration).
 */
class DjangoProjectTest {
    @TempDir
    static Path dir;
    static Path blog;

    @BeforeAll
    static void copyTheBlog() throws Exception {
        DjangoProjects.python();
        blog = DjangoProjects.copyBlogInto(dir);
    }

    private static MainViewModel window() {
        return new MainViewModel(new ImmediateWork(), HandTimer.factory(t -> { }));
    }

    private static Set<String> rules(List<StatementResult> results) {
        Set<String> ids = new TreeSet<>();
        for (StatementResult r : results) {
            for (Finding f : r.findings()) {
                ids.add(f.rule().id());
            }
        }
        return ids;
    }

    @Test
    void listsTheMigrationsInPlanOrderAndOpensOneAsItsSqlAnalysedWithTheEarlierOnes() throws Exception {
        MainViewModel vm = window();
        vm.django().open(blog);
        DjangoProjectListing l = vm.django().listingProperty().get();
        assertNotNull(l, vm.django().errorProperty().get());
        assertFalse(vm.django().loadingProperty().get());
        assertNull(vm.django().errorProperty().get());
        assertEquals("blog.settings", l.settingsModule());
        assertFalse(l.knowsApplied(), "not connected: applied or not is unknown");
        List<String> articles = l.of("articles").stream().map(DjangoMigration::name).toList();
        assertEquals(List.of("0001_initial", "0002_article_summary", "0003_article_word_count",
                "0004_article_status_pub_idx", "0005_backfill_summary"), articles);
        assertTrue(l.apps().containsAll(List.of("contenttypes", "auth", "articles", "tasks")), l.apps().toString());
        assertTrue(l.ownApp("articles") && l.ownApp("tasks") && !l.ownApp("auth"));
        // plan order: every migration after what it depends on
        assertTrue(l.position(l.find("articles.0001_initial").orElseThrow())
                < l.position(l.find("articles.0005_backfill_summary").orElseThrow()));

        DjangoMigration backfill = l.find("articles.0005_backfill_summary").orElseThrow();
        vm.django().openMigration(backfill);
        PlanDocument doc = vm.documentProperty().get();
        assertEquals(PlanDocument.Kind.SQL, doc.kind());
        assertEquals("articles.0005_backfill_summary.sql", doc.displayName());
        assertTrue(doc.file().isEmpty(), "Save never writes SQL over the migration's .py");
        assertEquals(backfill.sql(), doc.sqlSource());
        assertEquals("articles.0005_backfill_summary", vm.django().openLabelProperty().get());
        // the table exists with rows (0001 created it): the UPDATE of every row is an unbatched backfill
        List<StatementResult> analysed = vm.analysisProperty().get().byStep().values().stream()
                .flatMap(List::stream).toList();
        assertTrue(rules(analysed).contains("PW122"), rules(analysed).toString());
        // the window's analysis is the listing's, which is django lint's: the same rules fired
        assertEquals(rules(l.analyses().get(backfill.label()).statements()), rules(analysed));
        assertTrue(vm.statusProperty().get().startsWith("Opened articles.0005_backfill_summary"), vm.statusProperty().get());

        // 0001 creates the table: its CREATE INDEX is on a new table, no risk; 0004's is on an existing one
        vm.django().openMigration(l.find("articles.0001_initial").orElseThrow());
        assertFalse(rules(vm.analysisProperty().get().byStep().values().stream().flatMap(List::stream).toList())
                .contains("PW101"));
        vm.django().openMigration(l.find("articles.0004_article_status_pub_idx").orElseThrow());
        assertTrue(rules(vm.analysisProperty().get().byStep().values().stream().flatMap(List::stream).toList())
                .contains("PW101"));
        assertEquals("articles.0004_article_status_pub_idx", vm.django().openLabelProperty().get());
        vm.openSample("0042_add_summary_unsafe.sql");
        assertNull(vm.django().openLabelProperty().get(), "the document is no migration of the project any more");
    }

    @Test
    void makeItSafeOnARiskyMigrationShowsThePlanAndSaveWritesTheDjangoMigrations() throws Exception {
        Path project = DjangoProjects.copyBlogInto(dir.resolve("make-safe"));
        Path migrations = project.resolve("articles/migrations");
        MainViewModel vm = window();
        vm.django().open(project);
        DjangoProjectListing l = vm.django().listingProperty().get();
        vm.django().openMigration(l.find("articles.0004_article_status_pub_idx").orElseThrow());
        PlanDocument doc = vm.documentProperty().get();
        Plan statements = doc.plan();

        vm.makeSafe();
        MakeSafe.Result result = vm.makeSafeState().lastProperty().get();
        assertNotNull(result, vm.statusProperty().get());
        assertEquals(PlanDocument.Kind.PLAN, doc.kind());
        assertEquals("0004_article_status_pub_idx.plan.yaml", doc.displayName());
        assertTrue(doc.pendingDjangoSeries().isPresent());
        assertTrue(vm.saveWritesDjango());
        assertTrue(vm.dirtyProperty().get());
        // the index is built concurrently, in a migration of its own that Django runs outside a transaction
        assertTrue(vm.planProperty().get().steps().stream().anyMatch(p -> p.step().toString().contains("CONCURRENTLY")),
                vm.planProperty().get().toString());
        assertTrue(vm.statusProperty().get().contains("Django migrations; Save writes them in place of "
                + "articles.0004_article_status_pub_idx"), vm.statusProperty().get());
        List<String> files = result.djangoFiles();
        assertEquals("removes articles/migrations/0004_article_status_pub_idx.py", files.get(files.size() - 1));
        assertTrue(files.contains("writes articles/migrations/0004_article_status_pub_idx.plan.yaml"), files.toString());
        assertTrue(files.contains("re-points articles/migrations/0005_backfill_summary.py"), files.toString());
        assertTrue(Files.exists(migrations.resolve("0004_article_status_pub_idx.py")), "nothing written before Save");

        // an edit of the plan: the rendered migrations no longer match it, Save refuses; undoing the edit allows it
        vm.selectedStepProperty().set(vm.planProperty().get().steps().get(0).step());
        vm.deleteSelected();
        assertTrue(doc.djangoSeriesOutdated());
        DjangoProjectException refused = assertThrows(DjangoProjectException.class, vm::saveDjangoSeries);
        assertTrue(refused.getMessage().startsWith("the plan was edited after Make it safe"), refused.getMessage());
        assertTrue(Files.exists(migrations.resolve("0004_article_status_pub_idx.py")));
        vm.undo();
        assertTrue(doc.pendingDjangoSeries().isPresent());

        List<Path> written = vm.saveDjangoSeries();
        // the status line says what was written, not that the project was read again after it
        assertTrue(vm.statusProperty().get().startsWith("Wrote " + result.django().series().size()
                + " Django migrations in place of articles.0004_article_status_pub_idx"), vm.statusProperty().get());
        assertFalse(Files.exists(migrations.resolve("0004_article_status_pub_idx.py")), "the original is removed");
        assertTrue(Files.isRegularFile(migrations.resolve("0004_article_status_pub_idx.plan.yaml")));
        assertEquals(result.django().series().size() + 2, written.size(), written.toString());
        assertFalse(vm.dirtyProperty().get());
        assertEquals(migrations.resolve("0004_article_status_pub_idx.plan.yaml"), doc.file().orElseThrow());
        assertFalse(vm.saveWritesDjango(), "written: a second Save writes the plan file only");
        // the project is listed again: the series in place of the original, and it lints without an error now
        DjangoProjectListing after = vm.django().listingProperty().get();
        assertTrue(after.find("articles.0004_article_status_pub_idx").isEmpty());
        List<DjangoMigration> series = after.of("articles").stream()
                .filter(m -> m.name().startsWith("0004_article_status_pub_idx_")).toList();
        assertEquals(result.django().series().size(), series.size(), after.of("articles").toString());
        for (DjangoMigration m : series) {
            assertNotEquals(Optional.of(Severity.ERROR), after.worst(m), m.label() + ": " + after.findings(m));
        }

        // undo still brings the statements back (a SQL document that can be made safe again)
        vm.undo();
        assertEquals(PlanDocument.Kind.SQL, doc.kind());
        assertEquals(statements, vm.planProperty().get());
    }

    @Test
    void aSafeMigrationHasNothingToMakeSafeAndNothingChanges() {
        MainViewModel vm = window();
        vm.django().open(blog);
        vm.django().openMigration(vm.django().listingProperty().get().find("articles.0002_article_summary").orElseThrow());
        PlanDocument doc = vm.documentProperty().get();
        Plan before = doc.plan();
        vm.makeSafe();
        assertEquals(PlanDocument.Kind.SQL, doc.kind());
        assertEquals(before, doc.plan());
        assertFalse(vm.canUndoProperty().get());
        assertNull(vm.makeSafeState().lastProperty().get());
        assertTrue(vm.statusProperty().get().startsWith("Nothing to make safe in articles.0002_article_summary"),
                vm.statusProperty().get());
    }

    @Test
    void whenItsDjangoCannotRenderTheSeriesTheStatusLineSaysWhyAndNothingChanges() throws Exception {
        Path project = DjangoProjects.copyBlogInto(dir.resolve("breaks-later"));
        MainViewModel vm = window();
        List<String> notified = new java.util.ArrayList<>();
        vm.setNotifier(notified::add);
        vm.django().open(project);
        vm.django().openMigration(vm.django().listingProperty().get().find("articles.0004_article_status_pub_idx")
                .orElseThrow());
        PlanDocument doc = vm.documentProperty().get();
        Plan before = doc.plan();
        // the project changes under the window: its settings no longer import
        Path settings = project.resolve("blog/settings.py");
        Files.writeString(settings, Files.readString(settings) + "\nimport no_such_module\n");
        vm.makeSafe();
        String status = vm.statusProperty().get();
        assertTrue(status.startsWith("Make it safe failed: Django project " + project + ": the settings module blog.settings "
                + "does not import"), status);
        assertTrue(status.endsWith("; nothing changed"), status);
        assertEquals(List.of(status), notified);
        assertEquals(PlanDocument.Kind.SQL, doc.kind());
        assertEquals(before, doc.plan());
        assertFalse(vm.canUndoProperty().get());
        assertFalse(vm.makeSafeState().convertingProperty().get());
    }

    @Test
    void sqlEditedInTheWindowIsNotWhatTheProjectHasSoMakeItSafeRefusesUntilUndone() {
        AtomicReference<HandTimer> timer = new AtomicReference<>();
        MainViewModel vm = new MainViewModel(new ImmediateWork(), HandTimer.factory(timer::set));
        vm.django().open(blog);
        vm.django().openMigration(vm.django().listingProperty().get().find("articles.0005_backfill_summary").orElseThrow());
        PlanDocument doc = vm.documentProperty().get();
        RawSql update = (RawSql) vm.find("stmt-2").orElseThrow();
        vm.selectedStepProperty().set(update);
        vm.sqlEdited(update, "UPDATE articles_article SET summary = left(body, 200);");
        timer.get().elapse();
        vm.makeSafe();
        assertTrue(vm.statusProperty().get().startsWith("Not made safe: articles.0005_backfill_summary is made safe as "
                + "the project has it, and its SQL was edited here"), vm.statusProperty().get());
        assertEquals(PlanDocument.Kind.SQL, doc.kind());
        assertNull(vm.makeSafeState().lastProperty().get());
        vm.undo();
        vm.makeSafe();
        assertEquals(PlanDocument.Kind.PLAN, doc.kind(), vm.statusProperty().get());
        assertTrue(doc.pendingDjangoSeries().isPresent());
    }

    @Test
    void aMigrationWhoseSqlNeedsADatabaseIsListedButNotOpenedAsIfItWereEmpty() throws Exception {
        Path project = DjangoProjects.copyBlogInto(dir.resolve("later"));
        // 0008's AlterField of a unique slug: Django asks the database which index to drop
        for (String name : List.of("0006_article_summary_required.py", "0007_article_reading_minutes.py", "0008_more.py")) {
            Files.copy(Path.of(DjangoProjectTest.class.getResource("/django/later/" + name).toURI()),
                    project.resolve("articles/migrations/" + name));
        }
        MainViewModel vm = window();
        vm.django().open(project);
        DjangoProjectListing l = vm.django().listingProperty().get();
        assertNotNull(l, vm.django().errorProperty().get());
        DjangoMigration more = l.find("articles.0008_more").orElseThrow();
        assertNotNull(more.sqlError());
        assertEquals(Optional.of(Severity.ERROR), l.worst(more));
        // the panel's row says so, not "no finding"
        DjangoProjectViewModel.MigrationRow row = new DjangoProjectViewModel(vm.django()).groupsProperty().get().stream()
                .flatMap(g -> g.migrations().stream()).filter(r -> r.label().equals("articles.0008_more"))
                .findFirst().orElseThrow();
        assertEquals("SQL not collected without a database", row.badge());
        assertEquals(Severity.ERROR, row.worst());
        vm.django().openMigration(l.find("articles.0007_article_reading_minutes").orElseThrow());
        PlanDocument before = vm.documentProperty().get();
        assertEquals("articles.0007_article_reading_minutes.sql", before.displayName());

        vm.django().openMigration(more);
        assertEquals(before, vm.documentProperty().get(), "the open document stays");
        String status = vm.statusProperty().get();
        assertTrue(status.startsWith("Cannot open articles.0008_more: the SQL of migration articles.0008_more cannot be "
                + "collected without a database"), status);
        assertTrue(status.endsWith("connect (File ▸ Connect…) to a database migrated up to before it, and its Django "
                + "asks that one"), status);
    }

    @Test
    void aMigrationThatDoesNotLoadIsNamedAndNothingIsListed() throws Exception {
        Path broken = DjangoProjects.copyBlogInto(dir.resolve("broken"));
        Path m = broken.resolve("articles/migrations/0003_article_word_count.py");
        Files.writeString(m, Files.readString(m).replaceFirst("operations = \\[", "operations = [["));
        MainViewModel vm = window();
        vm.django().open(broken);
        assertNull(vm.django().listingProperty().get());
        assertFalse(vm.django().loadingProperty().get());
        String error = vm.django().errorProperty().get();
        assertNotNull(error);
        assertTrue(error.startsWith("Django project " + broken + ": migration articles.0003_article_word_count does not load"),
                error);
        assertTrue(vm.statusProperty().get().startsWith("Cannot open the Django project: Django project " + broken),
                vm.statusProperty().get());
    }

    @Test
    void aDirectoryWithoutManagePyIsNamed() {
        MainViewModel vm = window();
        vm.django().open(dir);
        assertEquals("Django project " + dir.toAbsolutePath().normalize()
                + ": no manage.py in it (give the directory that holds manage.py)", vm.django().errorProperty().get());
    }
}
