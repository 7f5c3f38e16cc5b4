package dev.phasewise.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code phasewise django lint} on a real Django project (src/test/resources/django/blog: the seed's
 * Article and TaskExportJob) driven by a real Django. Skipped where no Python can import Django,
 * unless -Dphasewise.requireDjango=true (as .ci/run sets): then that fails.
 */
class DjangoLintIT {
    @TempDir
    Path dir;
    Path blog;

    @BeforeAll
    static void needsDjango() {
        DjangoTestProject.python();
    }

    @BeforeEach
    void copyProject() throws Exception {
        blog = DjangoTestProject.copyInto(dir);
    }

    private CliRun django(String... args) {
        List<String> all = new ArrayList<>(List.of("django", "lint"));
        all.addAll(List.of(args));
        return CliRun.of(all.toArray(String[]::new));
    }

    private Path migration(String app, String name) {
        return blog.resolve(app).resolve("migrations").resolve(name + ".py").toAbsolutePath().normalize();
    }

    /** The rules found in the JSON report for one file, with its statements' shape checked on the way. */
    private static Set<String> rules(JsonNode root, Path file) {
        for (JsonNode f : root.get("files")) {
            if (Path.of(f.get("file").asText()).equals(file)) {
                Set<String> rules = new TreeSet<>();
                for (JsonNode st : f.get("statements")) {
                    assertTrue(st.has("index") && st.has("line") && st.has("sql") && st.has("tables"), st.toString());
                    for (JsonNode finding : st.get("findings")) {
                        rules.add(finding.get("rule").asText());
                        assertTrue(finding.has("severity") && finding.has("message"), finding.toString());
                    }
                }
                return rules;
            }
        }
        throw new AssertionError("no file " + file + " in " + root);
    }

    private static List<String> files(JsonNode root) {
        List<String> names = new ArrayList<>();
        root.get("files").forEach(f -> names.add(f.get("file").asText()));
        return names;
    }

    @Test
    void findingsLandOnTheMigrationsPyFiles() throws Exception {
        CliRun r = django("--format", "json", "--fail-on", "error", blog.toString());
        assertEquals(1, r.exit(), r.err() + r.out());
        JsonNode root = new ObjectMapper().readTree(r.out());
        List<String> names = files(root);
        // plan order: each migration after what it depends on, the project's and Django's own apps
        assertTrue(names.indexOf(migration("articles", "0001_initial").toString())
                > names.stream().filter(n -> n.contains("contrib/auth/migrations/0001_initial.py")).map(names::indexOf)
                .findFirst().orElseThrow(), names.toString());
        for (int i = 1; i < 5; i++) {
            assertTrue(names.indexOf(articles(i)) < names.indexOf(articles(i + 1)), names.toString());
        }
        // the table 0001 creates is new there, and existing with rows in every later migration
        assertFalse(hasError(root, migration("articles", "0001_initial")), r.out());
        // the safe ones: a nullable column is a catalog change (only "set a lock_timeout" remains)
        assertEquals(Set.of("PW201"), rules(root, migration("articles", "0002_article_summary")), r.out());
        assertEquals(Set.of("PW201"), rules(root, migration("tasks", "0002_taskexportjob_finished_at")), r.out());
        Set<String> addAndRetype = rules(root, migration("articles", "0003_article_word_count"));
        assertTrue(addAndRetype.containsAll(RETYPE_RULES), addAndRetype.toString());
        assertTrue(rules(root, migration("articles", "0004_article_status_pub_idx")).contains("PW101"), r.out());
        // and the Django rule beside it: Django 3.2 has AddIndexConcurrently for an index on an existing table
        assertTrue(rules(root, migration("articles", "0004_article_status_pub_idx")).contains("PW404"), r.out());
        // the blog's models match its migrations: nothing for makemigrations to write
        assertTrue(files(root).stream().noneMatch(f -> f.endsWith("models.py")), files(root).toString());
        assertTrue(rules(root, migration("articles", "0005_backfill_summary")).containsAll(UPDATE_RULES), r.out());
    }

    @Test
    void linesAreThoseOfTheOperationsInThePyFile() throws Exception {
        CliRun r = django("--format", "json", "--app", "articles", blog.toString());
        JsonNode root = new ObjectMapper().readTree(r.out());
        Path file = migration("articles", "0003_article_word_count");
        assertTrue(rules(root, file).contains("PW114"), r.out());
        List<String> py = Files.readAllLines(file);
        int addField = py.indexOf("        migrations.AddField(") + 1;
        int alterField = py.indexOf("        migrations.AlterField(") + 1;
        for (JsonNode f : root.get("files")) {
            if (Path.of(f.get("file").asText()).equals(file)) {
                for (JsonNode st : f.get("statements")) {
                    String sql = st.get("sql").asText();
                    int expected = sql.contains("view_count") ? alterField : sql.startsWith("COMMIT") ? alterField : addField;
                    assertEquals(expected, st.get("line").asInt(), sql);
                    assertEquals(9, st.get("column").asInt(), sql);
                }
            }
        }
        CliRun sarif = django("--format", "sarif", "--app", "articles", blog.toString());
        int createIndex = 0;
        for (JsonNode result : new ObjectMapper().readTree(sarif.out()).get("runs").get(0).get("results")) {
            JsonNode location = result.get("locations").get(0).get("physicalLocation");
            if (result.get("ruleId").asText().equals("PW101")) {
                Path index = migration("articles", "0004_article_status_pub_idx");
                assertTrue(location.get("artifactLocation").get("uri").asText().endsWith("0004_article_status_pub_idx.py"));
                assertEquals(Files.readAllLines(index).indexOf("        migrations.AddIndex(") + 1,
                        location.get("region").get("startLine").asInt(), location.toString());
                createIndex++;
            }
        }
        assertEquals(1, createIndex, sarif.out());
    }

    /** integer -> bigint rewrites the table under ACCESS EXCLUSIVE, held to COMMIT across the other statements. */
    private static final Set<String> RETYPE_RULES = Set.of("PW114", "PW203");
    /** One UPDATE of every row of a table that existed before. */
    private static final Set<String> UPDATE_RULES = Set.of("PW122");

    private String articles(int number) {
        String[] names = {"0001_initial", "0002_article_summary", "0003_article_word_count",
                "0004_article_status_pub_idx", "0005_backfill_summary"};
        return migration("articles", names[number - 1]).toString();
    }

    private static boolean hasError(JsonNode root, Path file) {
        for (JsonNode f : root.get("files")) {
            if (Path.of(f.get("file").asText()).equals(file)) {
                for (JsonNode st : f.get("statements")) {
                    for (JsonNode finding : st.get("findings")) {
                        if (finding.get("severity").asText().equals("error")) {
                            return true;
                        }
                    }
                }
            }
        }
        return false;
    }

    @Test
    void appsNarrowTheReportAndSarifPointsAtThePyFiles() throws Exception {
        CliRun r = django("--format", "sarif", "--app", "articles", blog.toString());
        assertEquals(1, r.exit(), r.err());
        JsonNode results = new ObjectMapper().readTree(r.out()).get("runs").get(0).get("results");
        assertTrue(results.size() > 0, r.out());
        Set<String> uris = new TreeSet<>();
        for (JsonNode result : results) {
            uris.add(result.get("locations").get(0).get("physicalLocation").get("artifactLocation").get("uri").asText());
        }
        for (String uri : uris) {
            assertTrue(uri.contains("/articles/migrations/") && uri.endsWith(".py"), uris.toString());
        }
        assertTrue(uris.stream().anyMatch(u -> u.endsWith("0004_article_status_pub_idx.py")), uris.toString());
    }

    @Test
    void onlyTheSafeAppPassesAtError() {
        CliRun r = django("--app", "tasks", blog.toString());
        assertEquals(0, r.exit(), r.err() + r.out());
        CliRun unknown = django("--app", "nosuchapp", blog.toString());
        assertEquals(2, unknown.exit());
        assertTrue(unknown.err().contains("nosuchapp"), unknown.err());
    }

    @Test
    void settingsThatDoNotImportNameTheProjectAndTheModule() throws Exception {
        CliRun r = django("--settings", "blog.nosuchsettings", blog.toString());
        assertEquals(2, r.exit(), r.out());
        assertTrue(r.err().contains(blog.toAbsolutePath().normalize().toString()), r.err());
        assertTrue(r.err().contains("blog.nosuchsettings"), r.err());
        assertTrue(r.err().contains("ModuleNotFoundError"), r.err());
        assertFalse(r.err().contains("Traceback"), r.err());

        Files.writeString(blog.resolve("blog/settings.py"), "raise RuntimeError('settings are broken')\n",
                java.nio.file.StandardOpenOption.APPEND);
        CliRun broken = django(blog.toString());
        assertEquals(2, broken.exit(), broken.out());
        assertTrue(broken.err().contains("blog.settings") && broken.err().contains("settings are broken"), broken.err());
    }

    @Test
    void aBrokenMigrationIsNamed() throws Exception {
        Path m = migration("articles", "0003_article_word_count");
        Files.writeString(m, Files.readString(m).replace("operations = [", "operations = [[["));
        CliRun r = django(blog.toString());
        assertEquals(2, r.exit(), r.out());
        assertTrue(r.err().contains("articles.0003_article_word_count"), r.err());
        assertTrue(r.err().contains("SyntaxError"), r.err());
        assertFalse(r.err().contains("Traceback"), r.err());
    }

    /** The project's .venv comes before any system Python; one without Django is named, not passed over. */
    @Test
    void theProjectsVenvIsUsedAndAPythonWithoutDjangoIsNamed() throws Exception {
        Path venvPython = blog.resolve(".venv/bin/python");
        Files.createDirectories(venvPython.getParent());
        // the system Python without its site packages: no Django
        Files.writeString(venvPython, "#!/bin/sh\nexec /usr/bin/python3 -S \"$@\"\n");
        assertTrue(venvPython.toFile().setExecutable(true));
        CliRun r = django(blog.toString());
        assertEquals(2, r.exit(), r.out());
        assertTrue(r.err().contains("cannot import Django") && r.err().contains("ModuleNotFoundError"), r.err());
        assertTrue(r.err().contains(blog.toString()), r.err());
        assertFalse(r.err().contains("Traceback"), r.err());
        CliRun given = django("--python", DjangoTestProject.python(), "--app", "tasks", blog.toString());
        assertEquals(0, given.exit(), given.err());
    }

    @Test
    void noManagePyAndNoPythonAreClearErrors() throws Exception {
        CliRun none = django(dir.toString());
        assertEquals(2, none.exit());
        assertTrue(none.err().contains("no manage.py") && none.err().contains(dir.toString()), none.err());
        CliRun noPython = django("--python", dir.resolve("no-such-python").toString(), blog.toString());
        assertEquals(2, noPython.exit());
        assertTrue(noPython.err().contains("no-such-python"), noPython.err());
    }
}
