package dev.phasewise.ui.window;

import dev.phasewise.analysis.StatementResult;
import dev.phasewise.analysis.cost.TableEffect;
import dev.phasewise.db.ConnectionSettings;
import dev.phasewise.testing.DjangoProjects;
import dev.phasewise.testing.TestPostgres;
import dev.phasewise.ui.HandTimer;
import dev.phasewise.ui.ImmediateWork;
import dev.phasewise.ui.conn.ConnectedDatabase;
import dev.phasewise.ui.model.DjangoProjectListing;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Connected, the Django project's listing says which migrations the window's database has applied (the
 * project's own {@code manage.py migrate articles 0002}, on embedded PostgreSQL 17), and it is read again
 * when the connection goes: applied or not is then unknown.
 */
class DjangoProjectUrlIT {
    @TempDir
    static Path dir;
    static Path blog;
    static String jdbcUrl;
    static final int ROWS = 4_321;

    @BeforeAll
    static void migrateHalfway() throws Exception {
        String python = DjangoProjects.python();
        blog = DjangoProjects.copyBlogInto(dir);
        jdbcUrl = TestPostgres.freshDatabase(17, "django_blog_ui");
        DjangoProjects.manage(python, blog, "django_blog_ui", "migrate", "articles", "0002");
        try (Connection c = TestPostgres.connect(jdbcUrl); Statement st = c.createStatement()) {
            st.execute("INSERT INTO auth_user (password, last_login, is_superuser, username, first_name, last_name, email, "
                    + "is_staff, is_active, date_joined) VALUES ('x', now(), false, 'ada', '', '', '', false, true, now())");
            st.execute("INSERT INTO articles_article (title, slug, body, status, published_at, view_count, author_id) "
                    + "SELECT 'title ' || g, 'slug-' || g, repeat('body ', 1 + g % 50), 'draft', NULL, g, "
                    + "(SELECT id FROM auth_user) FROM generate_series(1, " + ROWS + ") g");
            st.execute("ANALYZE");
        }
    }

    private static Boolean applied(DjangoProjectListing l, String label) {
        return l.find(label).orElseThrow().applied();
    }

    @Test
    void theConnectedDatabasesAppliedMigrationsAreMarkedUntilItDisconnects() {
        MainViewModel vm = new MainViewModel(new ImmediateWork(), HandTimer.factory(t -> { }));
        ConnectedDatabase c = ConnectedDatabase.open("test", ConnectionSettings.parse(jdbcUrl + "&password=postgres"),
                false, null);
        vm.connected(c);
        vm.django().open(blog);
        DjangoProjectListing l = vm.django().listingProperty().get();
        assertNotNull(l, vm.django().errorProperty().get());
        assertTrue(l.knowsApplied());
        assertEquals(Boolean.TRUE, applied(l, "articles.0001_initial"));
        assertEquals(Boolean.TRUE, applied(l, "articles.0002_article_summary"));
        assertEquals(Boolean.FALSE, applied(l, "articles.0003_article_word_count"));
        assertEquals(Boolean.FALSE, applied(l, "tasks.0001_initial"));

        // the migration's analysis: the structure of the earlier migrations, the sizes of the connected database
        vm.django().openMigration(l.find("articles.0005_backfill_summary").orElseThrow());
        List<StatementResult> results = vm.analysisProperty().get().byStep().values().stream().flatMap(List::stream).toList();
        TableEffect update = results.stream().flatMap(r -> r.tables().stream())
                .filter(t -> t.name().equals("articles_article")).findFirst().orElseThrow();
        assertEquals(ROWS, update.relation().estimatedRows());
        assertTrue(update.relation().totalBytes() > 0);

        vm.disconnect();
        DjangoProjectListing after = vm.django().listingProperty().get();
        assertNotNull(after, vm.django().errorProperty().get());
        assertFalse(after.knowsApplied(), "read again without a database");
        assertNull(applied(after, "articles.0001_initial"));
    }
}
