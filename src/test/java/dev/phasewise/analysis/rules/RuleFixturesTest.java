package dev.phasewise.analysis.rules;

import dev.phasewise.analysis.Analyzer;
import dev.phasewise.analysis.FileAnalysis;
import dev.phasewise.analysis.SchemaFiles;
import dev.phasewise.analysis.output.Report;
import dev.phasewise.analysis.output.RuleDocs;
import dev.phasewise.analysis.output.TextReport;
import dev.phasewise.analysis.pg.PgVersion;
import dev.phasewise.analysis.schema.SchemaModel;
import dev.phasewise.django.rules.DjangoRules;
import dev.phasewise.testing.Golden;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every rule has a bad and a good example under src/test/resources/rules/ID/ (with an optional
 * schema.sql that declares what exists before): bad.sql must raise the rule, good.sql must not,
 * and the committed doc page docs/rules/ID-name.md must equal the one rendered from the rule's
 * metadata and the examples (the page doubles as the golden file of the text output).
 */
class RuleFixturesTest {

    @TestFactory
    Stream<DynamicTest> everyRuleHasWorkingExamplesAndCurrentDocs() {
        return Rules.ALL.stream().map(rule -> DynamicTest.dynamicTest(rule.meta().id() + " " + rule.meta().name(),
                () -> checkRule(rule.meta())));
    }

    private void checkRule(RuleMeta meta) throws IOException {
        String dir = "/rules/" + meta.id() + "/";
        String bad = read(dir + "bad.sql");
        String good = read(dir + "good.sql");
        assertNotNull(bad, meta.id() + " has no bad.sql example");
        assertNotNull(good, meta.id() + " has no good.sql example");
        String schema = read(dir + "schema.sql");
        String goodSchema = read(dir + "good-schema.sql");

        FileAnalysis badResult = analyze("bad.sql", bad, schema);
        assertTrue(ids(badResult).contains(meta.id()), meta.id() + ": bad.sql raised " + ids(badResult)
                + ", not " + meta.id());
        assertTrue(badResult.problems().stream().noneMatch(p -> p.error()), meta.id() + ": bad.sql has input errors "
                + badResult.problems());
        FileAnalysis goodResult = analyze("good.sql", good, goodSchema != null ? goodSchema : schema);
        assertTrue(!ids(goodResult).contains(meta.id()), meta.id() + ": good.sql raised it too");
        assertTrue(goodResult.problems().stream().noneMatch(p -> p.error()), meta.id() + ": good.sql has input errors "
                + goodResult.problems());

        StringWriter text = new StringWriter();
        new TextReport(false, false).write(new Report(List.of(badResult), 17), new PrintWriter(text));
        Golden.assertMatches(Golden.project("docs/rules/" + meta.docFileName()),
                RuleDocs.page(meta, bad, text.toString(), good));
    }

    @Test
    void rulesIndexIsCurrent() {
        Golden.assertMatches(Golden.project("docs/rules/README.md"),
                RuleDocs.index(allMetas()));
    }

    /** The SQL rules and django lint's own (their pages are checked by DjangoRulesIT, with a real Django). */
    private static List<RuleMeta> allMetas() {
        List<RuleMeta> all = new ArrayList<>(Rules.ALL.stream().map(Rule::meta).toList());
        all.addAll(DjangoRules.metas());
        return all;
    }

    /**
     * A fixture folder or doc page left behind by a rule that was renamed or removed would go
     * unchecked: every folder under src/test/resources/rules/ must be a rule's id, every page
     * docs/rules/PW*.md a rule's current page (README.md is the index).
     */
    @Test
    void everyFixtureFolderAndDocPageNamesARule() throws IOException {
        Set<String> ids = new HashSet<>();
        Set<String> pages = new HashSet<>();
        Rules.ALL.forEach(r -> ids.add(r.meta().id()));
        allMetas().forEach(m -> pages.add(m.docFileName()));
        List<String> strays = new ArrayList<>();
        try (Stream<Path> folders = Files.list(Golden.project("src/test/resources/rules"))) {
            folders.filter(Files::isDirectory).map(f -> f.getFileName().toString()).filter(f -> !ids.contains(f))
                    .sorted().forEach(f -> strays.add("src/test/resources/rules/" + f + "/"));
        }
        try (Stream<Path> docs = Files.list(Golden.project("docs/rules"))) {
            docs.map(f -> f.getFileName().toString()).filter(f -> f.startsWith("PW") && f.endsWith(".md"))
                    .filter(f -> !pages.contains(f)).sorted().forEach(f -> strays.add("docs/rules/" + f));
        }
        assertEquals(List.of(), strays, "these name no rule in Rules.ALL (a rule's folder is its id, its page "
                + "ID-name.md): remove them or register the rule");
    }

    @Test
    void idsAndNamesAreUnique() {
        Set<String> seen = new HashSet<>();
        for (RuleMeta m : allMetas()) {
            assertTrue(seen.add(m.id()), "duplicate id " + m.id());
            assertTrue(seen.add(m.name()), "duplicate name " + m.name());
            assertTrue(m.name().matches("[a-z0-9]+(-[a-z0-9]+)*"), "name is not kebab-case: " + m.name());
        }
        assertEquals(allMetas().size() * 2, seen.size());
    }

    static FileAnalysis analyze(String name, String sql, String schema) {
        SchemaModel model = schema == null ? new SchemaModel() : SchemaFiles.of(schema);
        return new Analyzer(PgVersion.DEFAULT).analyze(name, sql, model);
    }

    private static Set<String> ids(FileAnalysis a) {
        Set<String> ids = new HashSet<>();
        a.statements().forEach(s -> s.findings().forEach(f -> ids.add(f.rule().id())));
        return ids;
    }

    private static String read(String resource) throws IOException {
        try (InputStream in = RuleFixturesTest.class.getResourceAsStream(resource)) {
            return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
