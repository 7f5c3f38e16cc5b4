package dev.phasewise.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.phasewise.analysis.rules.RuleMeta;
import dev.phasewise.django.rules.DjangoRules;
import dev.phasewise.testing.Golden;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Django rules (PW401-PW406) through {@code phasewise django lint} on a real Django project,
 * src/test/resources/django/rules: one app per rule, each with bad migrations (each must raise its rule)
 * and good ones (silent), and pw406's models ahead of its migrations. The rule pages docs/rules/PW40x-*.md
 * are rendered from these files and the text output (golden files: -Dphasewise.updateGolden=true).
 */
class DjangoRulesIT {
    @TempDir
    Path dir;
    Path project;

    /** Every Django finding the fixture project must raise: file (relative to the project) and rule. */
    private static final Set<String> EXPECTED = Set.of(
            "pw401/migrations/0002_bad.py PW401",
            "pw401/migrations/0003_bad_module_import.py PW401",
            "pw401/migrations/0005_bad_import_module.py PW401",
            "pw401/migrations/0006_bad_from_app_import_models.py PW401",
            "pw402/migrations/0002_bad.py PW402",
            "pw402/migrations/0005_bad_suppression_without_reason.py PW402",
            "pw403/migrations/0002_bad.py PW403",
            "pw403/migrations/0004_bad_add_index_concurrently.py PW403",
            "pw404/migrations/0003_bad.py PW404",
            "pw404/migrations/0006_bad_index_together.py PW404",
            "pw405/migrations/0002_bad.py PW405",
            "pw406/models.py PW406");

    /** Per rule: the bad file its page shows, and the good ones (silent for every Django rule). */
    private static final Map<String, List<String>> PAGES = Map.of(
            "PW401", List.of("pw401/migrations/0002_bad.py", "pw401/migrations/0004_good.py"),
            "PW402", List.of("pw402/migrations/0002_bad.py", "pw402/migrations/0003_good.py"),
            "PW403", List.of("pw403/migrations/0002_bad.py", "pw403/migrations/0003_good.py"),
            "PW404", List.of("pw404/migrations/0003_bad.py", "pw404/migrations/0004_good.py",
                    "pw404/migrations/0005_good_new_table.py"),
            "PW405", List.of("pw405/migrations/0002_bad.py", "pw405/migrations/0003_good_schema.py",
                    "pw405/migrations/0004_good_data.py", "pw405/migrations/0005_good_noop_forward.py"),
            "PW406", List.of("pw406/models.py", "pw406/migrations/0002_article_body_published_at.py.good"));

    @BeforeAll
    static void needsDjango() {
        DjangoTestProject.python();
    }

    @BeforeEach
    void copyProject() throws Exception {
        project = DjangoTestProject.copyInto(dir, "rules");
    }

    private CliRun django(String... args) {
        List<String> all = new ArrayList<>(List.of("django", "lint", "--python", DjangoTestProject.python()));
        all.addAll(List.of(args));
        return CliRun.of(all.toArray(String[]::new));
    }

    private String relative(String file) {
        return project.relativize(Path.of(file)).toString().replace('\\', '/');
    }

    /** "file rule" for each Django rule's finding of the JSON report, and each finding's line checked on the way. */
    private Set<String> djangoFindings(JsonNode root) throws Exception {
        Set<String> found = new TreeSet<>();
        for (JsonNode f : root.get("files")) {
            for (JsonNode st : f.get("statements")) {
                for (JsonNode finding : st.get("findings")) {
                    String rule = finding.get("rule").asText();
                    if (rule.startsWith("PW4")) {
                        String file = relative(f.get("file").asText());
                        found.add(file + " " + rule);
                        assertEquals(expectedLine(file, rule), st.get("line").asInt(), file + " " + rule + ": " + st);
                    }
                }
            }
        }
        return found;
    }

    /** Where each rule's finding belongs: the line of the offending operation, of the model class for PW406. */
    private int expectedLine(String file, String rule) throws Exception {
        List<String> lines = Files.readAllLines(project.resolve(file));
        String start = switch (rule) {
            case "PW401", "PW402", "PW405" -> "        migrations.RunPython(";
            case "PW403" -> file.contains("add_index_concurrently") ? "        AddIndexConcurrently("
                    : "        migrations.RunSQL(";
            case "PW404" -> file.contains("index_together") ? "        migrations.AlterIndexTogether(" : "        migrations.AddIndex(";
            default -> "class Article(";
        };
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith(start)) {
                return i + 1;
            }
        }
        throw new AssertionError("no " + start + " in " + file);
    }

    @Test
    void eachBadMigrationRaisesItsRuleOnTheOperationAndEachGoodOneIsSilent() throws Exception {
        CliRun r = django("--format", "json", project.toString());
        assertEquals(1, r.exit(), r.err() + r.out());
        JsonNode root = new ObjectMapper().readTree(r.out());
        // exactly these: the good migrations and every other migration of the project raise no Django rule
        assertEquals(new TreeSet<>(EXPECTED), djangoFindings(root), r.out());
    }

    /**
     * PW403 says in Django's words what PW103 says in SQL's, at the same statement: PW103 is replaced there,
     * not repeated (the RunSQL and the AddIndexConcurrently of an atomic migration); atomic = False raises neither.
     */
    @Test
    void concurrentlyInAnAtomicMigrationIsReportedOnce() throws Exception {
        JsonNode root = new ObjectMapper().readTree(django("--format", "json", "--app", "pw403", project.toString()).out());
        int createIndex = 0;
        for (JsonNode f : root.get("files")) {
            boolean atomic = !f.get("file").asText().endsWith("0003_good.py");
            for (JsonNode st : f.get("statements")) {
                Set<String> rules = new TreeSet<>();
                st.get("findings").forEach(x -> rules.add(x.get("rule").asText()));
                assertFalse(rules.contains("PW103"), st.toString());
                if (st.get("sql").asText().startsWith("CREATE INDEX CONCURRENTLY")) {
                    createIndex++;
                    assertEquals(atomic, rules.contains("PW403"), st.toString());
                }
                for (JsonNode x : st.get("findings")) {
                    if (x.get("rule").asText().equals("PW403")) {
                        String message = x.get("message").asText();
                        assertTrue(message.contains("CREATE INDEX CONCURRENTLY") && message.contains("is atomic"), message);
                    }
                }
            }
        }
        assertEquals(3, createIndex, root.toString());  // RunSQL in 0002 (atomic) and 0003 (not), AddIndexConcurrently in 0004
    }

    /** The migration makemigrations would write (the .good file, renamed) brings the models and migrations together. */
    @Test
    void modelsWithTheirMigrationRaiseNoPw406() throws Exception {
        Path good = project.resolve("pw406/migrations/0002_article_body_published_at.py.good");
        Files.move(good, good.resolveSibling("0002_article_body_published_at.py"));
        CliRun r = django("--format", "json", project.toString());
        JsonNode root = new ObjectMapper().readTree(r.out());
        Set<String> found = djangoFindings(root);
        assertFalse(found.contains("pw406/models.py PW406"), found.toString());
        assertTrue(found.containsAll(Set.of("pw402/migrations/0002_bad.py PW402")), found.toString());
        // --app narrows PW406 as it narrows the migrations
        Files.move(good.resolveSibling("0002_article_body_published_at.py"), good);
        JsonNode other = new ObjectMapper().readTree(django("--format", "json", "--app", "pw401", project.toString()).out());
        assertFalse(djangoFindings(other).stream().anyMatch(f -> f.endsWith("PW406")), other.toString());
    }

    /** {@code # phasewise: ignore PW402 reason} above the operation silences it (0004); without a reason it does not, and says so (0005). */
    @Test
    void aPythonCommentWithAReasonSilencesADjangoRule() throws Exception {
        JsonNode root = new ObjectMapper().readTree(django("--format", "json", "--app", "pw402", project.toString()).out());
        Set<String> found = djangoFindings(root);
        assertFalse(found.contains("pw402/migrations/0004_good_suppressed.py PW402"), found.toString());
        assertTrue(found.contains("pw402/migrations/0005_bad_suppression_without_reason.py PW402"), found.toString());
        int line = expectedLine("pw402/migrations/0005_bad_suppression_without_reason.py", "PW402");
        boolean noted = false;
        for (JsonNode f : root.get("files")) {
            if (f.get("file").asText().endsWith("0005_bad_suppression_without_reason.py")) {
                for (JsonNode p : f.get("problems")) {
                    noted |= p.get("severity").asText().equals("note") && p.get("line").asInt() == line
                            && p.get("message").asText().contains("give a reason");
                }
            }
        }
        assertTrue(noted, root.toString());
    }

    /** Models the autodetector cannot compare: a note on manage.py says why, and the migrations are still linted. */
    @Test
    void modelsThatCannotBeComparedAreANoteNotAFailure() throws Exception {
        Path models = project.resolve("pw406/models.py");
        Files.writeString(models, Files.readString(models)
                + "    other = models.ForeignKey(\"nosuch.Thing\", on_delete=models.CASCADE, null=True)\n");
        CliRun r = django("--format", "json", project.toString());
        assertEquals(1, r.exit(), r.err() + r.out());
        JsonNode root = new ObjectMapper().readTree(r.out());
        Set<String> found = djangoFindings(root);
        assertFalse(found.contains("pw406/models.py PW406"), found.toString());
        assertTrue(found.contains("pw402/migrations/0002_bad.py PW402"), found.toString());
        boolean noted = false;
        for (JsonNode f : root.get("files")) {
            if (f.get("file").asText().equals(project.resolve("manage.py").toString())) {
                for (JsonNode p : f.get("problems")) {
                    String message = p.get("message").asText();
                    noted |= p.get("severity").asText().equals("note") && message.contains("PW406")
                            && message.contains("nosuch");
                }
            }
        }
        assertTrue(noted, root.toString());
    }

    /** PW406 is silenced above the class of the first changed model. */
    @Test
    void aCommentAboveTheModelClassSilencesPw406() throws Exception {
        Path models = project.resolve("pw406/models.py");
        Files.writeString(models, Files.readString(models).replace("class Article(",
                "# phasewise: ignore PW406 the migration comes in the next pull request\nclass Article("));
        Set<String> found = djangoFindings(new ObjectMapper().readTree(
                django("--format", "json", "--app", "pw406", project.toString()).out()));
        assertFalse(found.contains("pw406/models.py PW406"), found.toString());
    }

    @Test
    void sarifAndTheCiFormatsCarryTheDjangoRules() throws Exception {
        CliRun sarif = django("--format", "sarif", project.toString());
        JsonNode run = new ObjectMapper().readTree(sarif.out()).get("runs").get(0);
        Set<String> declared = new TreeSet<>();
        run.get("tool").get("driver").get("rules").forEach(x -> declared.add(x.get("id").asText()));
        assertTrue(declared.containsAll(List.of("PW101", "PW401", "PW402", "PW403", "PW404", "PW405", "PW406")),
                declared.toString());
        Set<String> results = new TreeSet<>();
        for (JsonNode result : run.get("results")) {
            String rule = result.get("ruleId").asText();
            if (rule.startsWith("PW4")) {
                JsonNode location = result.get("locations").get(0).get("physicalLocation");
                String file = relative(location.get("artifactLocation").get("uri").asText());
                assertEquals(expectedLine(file, rule), location.get("region").get("startLine").asInt(), result.toString());
                results.add(file + " " + rule);
            }
        }
        assertEquals(new TreeSet<>(EXPECTED), results);

        CliRun github = django("--format", "github", "--app", "pw402", project.toString());
        int line = expectedLine("pw402/migrations/0002_bad.py", "PW402");
        assertTrue(github.out().lines().anyMatch(l -> l.startsWith("::warning file=") && l.contains("0002_bad.py,line="
                + line + ",") && l.contains("PW402")), github.out());
        CliRun gitlab = django("--format", "gitlab", "--app", "pw405", project.toString());
        assertTrue(gitlab.out().contains("PW405"), gitlab.out());
        CliRun rdjson = django("--format", "rdjson", "--app", "pw401", project.toString());
        assertTrue(rdjson.out().contains("PW401"), rdjson.out());
    }

    @Test
    void theRulesCommandListsAndExplainsTheDjangoRules() {
        CliRun list = CliRun.of("rules");
        for (RuleMeta m : DjangoRules.metas()) {
            assertTrue(list.out().lines().anyMatch(l -> l.startsWith(m.id() + " ") && l.contains(m.name())), list.out());
        }
        CliRun one = CliRun.of("rules", "data-migration-with-schema-change");
        assertEquals(0, one.exit(), one.err());
        assertTrue(one.out().startsWith("PW405 data-migration-with-schema-change (error)"), one.out());
    }

    /** docs/rules/PW40x-*.md: the rule's metadata, its bad file with what django lint prints for it, its good files. */
    @Test
    void rulePagesAreCurrent() throws Exception {
        String text = django("--color", "never", project.toString()).out();
        for (RuleMeta m : DjangoRules.metas()) {
            List<String> files = PAGES.get(m.id());
            String bad = files.get(0);
            StringBuilder good = new StringBuilder();
            for (String g : files.subList(1, files.size())) {
                good.append("`").append(g.replace(".py.good", ".py")).append("`:\n\n```python\n")
                        .append(Files.readString(project.resolve(g)).strip()).append("\n```\n\n");
            }
            String page = "# " + m.id() + " " + m.name() + "\n\n"
                    + "**" + m.title() + "** · default severity: " + m.severity().label() + "\n\n"
                    + "A Django rule: `phasewise django lint` (docs/django.md) reports it against the migration's "
                    + "`.py` file, at the line of the operation" + (m.id().equals("PW406") ? " (here: the app's models, "
                    + "at the changed model's class)" : "") + ".\n\n"
                    + "Silence it for one " + (m.id().equals("PW406") ? "app" : "operation") + ", with a reason, in a "
                    + "comment on " + (m.id().equals("PW406") ? "the model class's line" : "the operation's line")
                    + " or right above it: `# phasewise: ignore " + m.id() + " <why>`\n\n"
                    + "## Problem\n\n" + m.why() + "\n\n"
                    + "## Solution\n\n" + m.instead() + "\n\n"
                    + "### Instead of\n\n`" + bad + "`:\n\n```python\n" + Files.readString(project.resolve(bad)).strip()
                    + "\n```\n\n"
                    + "Phasewise reports:\n\n```text\n" + section(text, bad) + "\n```\n\n"
                    + "### Use\n\n" + good
                    + "<!-- generated from the rule's metadata and src/test/resources/django/rules/"
                    + m.id().toLowerCase() + "/ by DjangoRulesIT; regenerate with mvn -B verify "
                    + "-Dphasewise.updateGolden=true -Dphasewise.requireDjango=true -->\n";
            Golden.assertMatches(Golden.project("docs/rules/" + m.docFileName()), page);
        }
    }

    /** The text report's part for one file (its header line to the next file's), paths relative to the project. */
    private String section(String text, String file) {
        String header = project.resolve(file).toString();
        List<String> out = new ArrayList<>();
        boolean in = false;
        for (String line : text.split("\n")) {
            if (line.equals(header)) {
                in = true;
            } else if (in && (line.startsWith(project.toString()) || line.matches("\\d+ files?, .*"))) {
                break;  // the next file, or the summary of the whole project
            }
            if (in) {
                out.add(line.replace(project + "/", ""));
            }
        }
        assertFalse(out.isEmpty(), "no " + header + " in\n" + text);
        return String.join("\n", out).strip();
    }
}
