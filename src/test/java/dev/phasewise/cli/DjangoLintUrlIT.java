package dev.phasewise.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.phasewise.testing.DjangoProjects;
import dev.phasewise.testing.TestPostgres;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code django lint --url}: what the database has applied (Django's own {@code manage.py migrate},
 * run on embedded PostgreSQL 17) is skipped unless --all, and a database Django cannot reach is named.
 */
class DjangoLintUrlIT {
    @TempDir
    static Path dir;
    static Path blog;
    static int port;

    @BeforeAll
    static void migrateHalfway() throws Exception {
        String python = DjangoTestProject.python();
        blog = DjangoTestProject.copyInto(dir);
        port = TestPostgres.server(17).getPort();
        TestPostgres.freshDatabase(17, "django_blog");
        DjangoProjects.manage(python, blog, "django_blog", "migrate", "articles", "0002");
    }

    private static List<String> linted(String... args) throws Exception {
        List<String> all = new ArrayList<>(List.of("django", "lint", "--format", "json"));
        all.addAll(List.of(args));
        all.add(blog.toString());
        CliRun r = CliRun.of(all.toArray(String[]::new));
        assertEquals(1, r.exit(), r.err());
        List<String> names = new ArrayList<>();
        for (JsonNode f : new ObjectMapper().readTree(r.out()).get("files")) {
            String file = f.get("file").asText();
            names.add(file.substring(file.lastIndexOf(File.separatorChar, file.lastIndexOf("/migrations/") - 1) + 1));
        }
        return names;
    }

    @Test
    void appliedMigrationsAreSkippedUnlessAll() throws Exception {
        String url = "postgresql://postgres@localhost:" + port + "/django_blog";
        assertEquals(List.of("articles/migrations/0003_article_word_count.py",
                "articles/migrations/0004_article_status_pub_idx.py", "articles/migrations/0005_backfill_summary.py",
                "tasks/migrations/0001_initial.py", "tasks/migrations/0002_taskexportjob_finished_at.py"),
                linted("--url", url, "--app", "articles", "--app", "tasks"));
        // migrate articles 0002 applied only what that needs of Django's own apps: their later migrations are left
        List<String> everything = linted("--url", url);
        assertTrue(everything.contains("auth/migrations/0012_alter_user_first_name_max_length.py"), everything.toString());
        assertFalse(everything.contains("auth/migrations/0001_initial.py"), everything.toString());
        List<String> all = linted("--url", url, "--all", "--app", "articles");
        assertEquals(5, all.size(), all.toString());
        assertTrue(all.get(0).endsWith("articles/migrations/0001_initial.py"), all.toString());
    }

    @Test
    void aDatabaseDjangoCannotReadIsNamed() {
        CliRun r = CliRun.of("django", "lint", "--url", "postgresql://postgres@localhost:" + port + "/no_such_blog",
                blog.toString());
        assertEquals(2, r.exit(), r.out());
        assertTrue(r.err().contains("'no_such_blog'") && r.err().contains("localhost:" + port), r.err());
        assertTrue(r.err().contains(blog.toString()), r.err());
        assertFalse(r.err().contains("Traceback"), r.err());
    }
}
