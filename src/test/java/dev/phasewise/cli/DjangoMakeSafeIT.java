package dev.phasewise.cli;

import dev.phasewise.testing.DjangoProjects;
import dev.phasewise.testing.TestPostgres;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code django make-safe} on the blog's three risky migrations (NOT NULL column + integer to bigint,
 * CREATE INDEX, an UPDATE of every row), proved the way the issue asks: Django's own {@code migrate}
 * applies the new series on embedded PostgreSQL with rows in the table; the schema and every row end
 * as the original migrations leave them (a second copy, migrated as written, side by side);
 * {@code makemigrations --check --dry-run} finds nothing (the model state is exact); and
 * {@code django lint} finds no error in the project any more.
 */
class DjangoMakeSafeIT {
    static final int ROWS = 12_345;

    @TempDir
    static Path dir;
    static String python;
    static Path original;
    static Path safe;
    static final List<String> accounts = new ArrayList<>();

    @BeforeAll
    static void makeSafeThenMigrateBoth() throws Exception {
        python = DjangoTestProject.python();
        original = DjangoTestProject.copyInto(Files.createDirectories(dir.resolve("original")));
        safe = DjangoTestProject.copyInto(Files.createDirectories(dir.resolve("safe")));
        addLaterMigrations(original);
        addLaterMigrations(safe);
        for (String migration : List.of("0003", "0004_article", "0005_backfill_summary", "0006", "0007")) {
            makeSafe(migration);
        }
        migrateWithRows(original, "make_safe_original");
        migrateWithRows(safe, "make_safe_series", "articles", lastOf("0007_article_reading_minutes_"));
        // 0008's AlterField drops the slug's index: Django asks the database for its name, so this one is made
        // safe against the database as 0007 left it (offline, the SQL cannot be collected)
        makeSafe("0008", "--url", "postgresql://postgres:postgres@localhost:" + TestPostgres.server(17).getPort()
                + "/make_safe_series");
        manage(safe, "make_safe_series", "migrate");
    }

    private static void makeSafe(String migration, String... options) {
        List<String> args = new ArrayList<>(List.of("django", "make-safe"));
        args.addAll(List.of(options));
        args.addAll(List.of(safe.toString(), "articles", migration));
        CliRun r = CliRun.of(args.toArray(String[]::new));
        assertEquals(0, r.exit(), r.out() + r.err());
        accounts.add(r.out());
    }

    /** The last migration of a made-safe series, by the name it starts with. */
    private static String lastOf(String prefix) throws Exception {
        try (Stream<Path> files = Files.list(safe.resolve("articles/migrations"))) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(prefix) && n.endsWith(".py"))
                    .sorted().reduce((a, b) -> b).orElseThrow().replace(".py", "");
        }
    }

    /**
     * Three later migrations: 0006, the seed's Article.summary made required (a fill, then AlterField to
     * CharField(max_length=300)); 0007, a column, its RunPython data migration and its NOT NULL in one;
     * 0008, as makemigrations wrote it: a RemoveField, a ForeignKey, a unique slug and a CheckConstraint.
     */
    private static void addLaterMigrations(Path project) throws Exception {
        for (String name : List.of("0006_article_summary_required.py", "0007_article_reading_minutes.py", "0008_more.py")) {
            Path source = Path.of(DjangoMakeSafeIT.class.getResource("/django/later/" + name).toURI());
            Files.copy(source, project.resolve("articles/migrations/" + name));
        }
        Path models = project.resolve("articles/models.py");
        String text = Files.readString(models);
        String required = text.replace("summary = models.TextField(null=True, blank=True)", "summary = models.CharField(max_length=300)\n"
                + "    reading_minutes = models.IntegerField(default=1)")
                .replace("slug = models.SlugField(max_length=200)", "slug = models.SlugField(max_length=200, unique=True)")
                .replace("    word_count = models.IntegerField(default=0)\n", "")
                .replace("related_name=\"articles\")", "related_name=\"articles\")\n    editor = models.ForeignKey("
                        + "settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name=\"edited\")")
                .replace("        indexes = [", "        constraints = [models.CheckConstraint(check=models.Q(view_count__gte=0), "
                        + "name=\"articles_view_count_positive\")]\n        indexes = [");
        assertFalse(text.equals(required), "models.py of the blog declares summary differently now");
        Files.writeString(models, required);
    }

    /** migrate to 0002, fill the articles (the risky migrations run on a table with rows), then migrate the rest. */
    private static void migrateWithRows(Path project, String database, String... target) throws Exception {
        String url = TestPostgres.freshDatabase(17, database);
        manage(project, database, "migrate", "articles", "0002");
        try (Connection c = TestPostgres.connect(url); Statement st = c.createStatement()) {
            st.execute("INSERT INTO auth_user (password, last_login, is_superuser, username, first_name, last_name, email, is_staff, "
                    + "is_active, date_joined) VALUES ('x', now(), false, 'ada', '', '', '', false, true, now())");
            st.execute("INSERT INTO articles_article (title, slug, body, status, published_at, view_count, author_id) "
                    + "SELECT 'title ' || g, 'slug-' || g, repeat('body of ' || g || ' ', 1 + g % 50), "
                    + "CASE WHEN g % 3 = 0 THEN 'published' ELSE 'draft' END, "
                    + "CASE WHEN g % 3 = 0 THEN timestamptz '2026-01-01' + g * interval '1 minute' END, g * 7, "
                    + "(SELECT id FROM auth_user) FROM generate_series(1, " + ROWS + ") g");
        }
        List<String> migrate = new ArrayList<>(List.of("migrate"));
        migrate.addAll(List.of(target));
        manage(project, database, migrate.toArray(String[]::new));
    }

    private static String manage(Path project, String database, String... args) throws Exception {
        return DjangoProjects.manage(python, project, database, args);
    }

    private static List<String> rows(String database, String sql) throws Exception {
        String url = TestPostgres.server(17).getJdbcUrl("postgres", database);
        List<String> out = new ArrayList<>();
        try (Connection c = TestPostgres.connect(url); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            ResultSetMetaData md = rs.getMetaData();
            while (rs.next()) {
                StringBuilder row = new StringBuilder();
                for (int i = 1; i <= md.getColumnCount(); i++) {
                    row.append(i == 1 ? "" : " | ").append(rs.getString(i));
                }
                out.add(row.toString());
            }
        }
        return out;
    }

    private static void sameIn(String what, String sql) throws Exception {
        List<String> before = rows("make_safe_original", sql);
        assertFalse(before.isEmpty(), what + ": the original database has none");
        assertEquals(before, rows("make_safe_series", sql), what);
    }

    @Test
    void theSeriesEndsInTheSchemaTheOriginalMigrationsMake() throws Exception {
        sameIn("columns", "SELECT table_name, column_name, data_type, is_nullable, column_default "
                + "FROM information_schema.columns WHERE table_schema = 'public' ORDER BY 1, 2");
        sameIn("indexes", "SELECT tablename, indexname, indexdef FROM pg_indexes WHERE schemaname = 'public' ORDER BY 1, 2");
        sameIn("constraints", "SELECT conrelid::regclass, conname, pg_get_constraintdef(oid) FROM pg_constraint "
                + "WHERE connamespace = 'public'::regnamespace ORDER BY 1, 2");
        assertEquals(rows("make_safe_original", "SELECT count(*) FROM pg_index WHERE NOT indisvalid"),
                rows("make_safe_series", "SELECT count(*) FROM pg_index WHERE NOT indisvalid"));
        assertEquals(List.of("0"), rows("make_safe_series", "SELECT count(*) FROM pg_trigger t JOIN pg_class c "
                + "ON c.oid = t.tgrelid WHERE c.relname = 'articles_article' AND NOT t.tgisinternal"));
        assertEquals(List.of("0"), rows("make_safe_series", "SELECT count(*) FROM pg_proc WHERE proname LIKE 'phasewise%'"));
    }

    @Test
    void everyRowIsWhatTheOriginalMigrationsMadeOfIt() throws Exception {
        sameIn("articles", "SELECT id, title, slug, body, status, published_at, view_count, summary, author_id, "
                + "reading_minutes, editor_id "
                + "FROM articles_article ORDER BY id");
        assertEquals(List.of(Integer.toString(ROWS)), rows("make_safe_series", "SELECT count(*) FROM articles_article "
                + "WHERE summary = left(body, 300) AND view_count % 7 = 0 "
                + "AND reading_minutes = length(body) / 1000 + 1"));
        assertEquals(List.of("character varying | NO"), rows("make_safe_series", "SELECT data_type, is_nullable "
                + "FROM information_schema.columns WHERE table_name = 'articles_article' AND column_name = 'summary'"));
    }

    @Test
    void theModelStateIsExactAndTheProjectLintsClean() throws Exception {
        String out = manage(safe, "make_safe_series", "makemigrations", "--check", "--dry-run");
        assertTrue(out.contains("No changes detected"), out);
        CliRun lint = CliRun.of("django", "lint", safe.toString());
        assertEquals(0, lint.exit(), lint.out() + lint.err());
        // offline, the original's 0008 cannot give its SQL (its AlterField asks the database): lint it with one
        CliRun offline = CliRun.of("django", "lint", original.toString());
        assertEquals(2, offline.exit(), offline.out());
        assertTrue(offline.err().contains("the SQL of migration articles.0008_more cannot be collected without a database"),
                offline.err());
        CliRun before = CliRun.of("django", "lint", "--all", "--url", "postgresql://postgres:postgres@localhost:"
                + TestPostgres.server(17).getPort() + "/make_safe_original", original.toString());
        assertEquals(1, before.exit(), "the original project has errors: " + before.out());
    }

    @Test
    void theOriginalIsReplacedAndItsDependentsRepointed() throws Exception {
        Path migrations = safe.resolve("articles/migrations");
        List<String> names;
        try (Stream<Path> files = Files.list(migrations)) {
            names = files.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("000")).sorted().toList();
        }
        assertFalse(names.contains("0003_article_word_count.py"), names.toString());
        assertTrue(names.contains("0003_article_word_count.plan.yaml"), names.toString());
        assertTrue(names.stream().anyMatch(n -> n.startsWith("0005_backfill_summary_") && n.contains("backfill")), names.toString());
        String last0003 = names.stream().filter(n -> n.startsWith("0003_article_word_count_") && n.endsWith(".py"))
                .reduce((a, b) -> b).orElseThrow().replace(".py", "");
        String last0004 = names.stream().filter(n -> n.startsWith("0004_article_status_pub_idx_") && n.endsWith(".py"))
                .reduce((a, b) -> b).orElseThrow();
        String first0004 = names.stream().filter(n -> n.startsWith("0004_article_status_pub_idx_1")).findFirst().orElseThrow();
        assertTrue(Files.readString(migrations.resolve(first0004)).contains("(\"articles\", \"" + last0003 + "\")")
                || Files.readString(migrations.resolve(first0004)).contains("('articles', '" + last0003 + "')"), first0004);
        assertTrue(Files.readString(migrations.resolve(last0004)).contains("CONCURRENTLY"), last0004);
        assertTrue(Files.readString(migrations.resolve(last0004)).contains("atomic = False"), last0004);
        assertTrue(accounts.get(0).contains("django lint of the"), accounts.get(0));
    }

    @Test
    void aMigrationItCannotFindIsNamedAndNothingIsWritten() throws Exception {
        CliRun none = CliRun.of("django", "make-safe", original.toString(), "articles", "0099");
        assertEquals(2, none.exit());
        assertTrue(none.err().contains("no migration articles.0099 (the app has 0001_initial, 0002_article_summary"),
                none.err());
        CliRun ambiguous = CliRun.of("django", "make-safe", original.toString(), "articles", "000");
        assertEquals(2, ambiguous.exit());
        assertTrue(ambiguous.err().contains("more than one migration of articles starts with 000"), ambiguous.err());
        CliRun safeAlready = CliRun.of("django", "make-safe", original.toString(), "articles", "0002");
        assertEquals(0, safeAlready.exit(), safeAlready.err());
        assertTrue(safeAlready.out().contains("articles.0002_article_summary: nothing to make safe; no file written"),
                safeAlready.out());
        CliRun applied = CliRun.of("django", "make-safe", "--url", "postgresql://postgres:postgres@localhost:"
                + TestPostgres.server(17).getPort() + "/make_safe_original", original.toString(), "articles", "0003");
        assertEquals(2, applied.exit(), applied.out());
        assertTrue(applied.err().contains("migration articles.0003_article_word_count is already applied on the "
                + "postgresql database 'make_safe_original'"), applied.err());
        assertTrue(Files.exists(original.resolve("articles/migrations/0003_article_word_count.py")));
    }
}
