package dev.phasewise.analysis.rules;

import dev.phasewise.analysis.Analyzer;
import dev.phasewise.analysis.FileAnalysis;
import dev.phasewise.analysis.SchemaFiles;
import dev.phasewise.analysis.parse.SourceProblem;
import dev.phasewise.analysis.pg.PgVersion;
import dev.phasewise.analysis.schema.SchemaModel;
import dev.phasewise.testing.Golden;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The edge cases that decide a rule's answer, beside its one bad and one good example: files
 * src/test/resources/rules/ID/cases/*.sql, each opening with header comments
 * <pre>
 * -- case: what the case shows, in words
 * -- expect: raised | not raised | raised N      (N: the exact number of ID findings)
 * -- pg-version: 13                              (optional; default PgVersion.DEFAULT)
 * -- schema: FILE | none                         (optional; default the folder's schema.sql, if any)
 * </pre>
 * then the migration. FILE names a file in the rule's folder. A case without {@code case:} or
 * {@code expect:}, or with a header this test does not know, fails: no case passes silently.
 */
class RuleCasesTest {
    private static final Path RULES = Golden.project("src/test/resources/rules");
    private static final Pattern HEADER = Pattern.compile("--\\s*([A-Za-z-]+)\\s*:\\s*(.*?)\\s*");
    private static final Pattern EXPECT = Pattern.compile("(not raised)|raised(?:\\s+(\\d+))?");
    private static final Set<String> KEYS = Set.of("case", "expect", "pg-version", "schema");

    @TestFactory
    Stream<DynamicNode> everyCaseOfEveryRule() throws IOException {
        List<DynamicNode> rules = new ArrayList<>();
        for (Path folder : list(RULES)) {
            Path cases = folder.resolve("cases");
            if (!Files.isDirectory(cases)) {
                continue;
            }
            List<DynamicNode> tests = new ArrayList<>();
            for (Path file : list(cases)) {
                String id = folder.getFileName() + "/cases/" + file.getFileName();
                String title = Files.isRegularFile(file) ? caseText(file) : null;
                tests.add(DynamicTest.dynamicTest(id + (title == null ? "" : ": " + title), () -> run(folder, file)));
            }
            rules.add(DynamicContainer.dynamicContainer(folder.getFileName().toString(), tests));
        }
        return rules.stream();
    }

    /** The parser behind the test fails loudly on what would otherwise make a case pass without checking. */
    @Test
    void aCaseWithoutAnExpectationOrWithAnUnknownHeaderFails() {
        assertTrue(assertThrows(AssertionError.class, () -> Case.parse("x.sql",
                "-- case: no expectation\nDROP TABLE t;\n")).getMessage().contains("expect:"));
        assertTrue(assertThrows(AssertionError.class, () -> Case.parse("x.sql",
                "-- case: a typo\n-- expected: raised\nDROP TABLE t;\n")).getMessage().contains("expected"));
        assertTrue(assertThrows(AssertionError.class, () -> Case.parse("x.sql",
                "-- case: unclear\n-- expect: maybe\nDROP TABLE t;\n")).getMessage().contains("maybe"));
        assertTrue(assertThrows(AssertionError.class, () -> Case.parse("x.sql",
                "-- expect: raised\nDROP TABLE t;\n")).getMessage().contains("case:"));
        Case c = Case.parse("x.sql", "-- case: counted\n-- expect: raised 2\n-- pg-version: 13\nDROP TABLE t;\n");
        assertEquals(2, c.count());
        assertEquals(13, c.version().major());
        assertFalse(Case.parse("x.sql", "-- case: c\n-- expect: not raised\nSELECT 1;\n").raised());
    }

    private static void run(Path folder, Path file) throws IOException {
        String rule = folder.getFileName().toString();
        String where = rule + "/cases/" + file.getFileName();
        assertTrue(file.getFileName().toString().endsWith(".sql"), where + " is not a case: cases/ holds only "
                + ".sql files");
        assertTrue(Rules.find(rule).isPresent(), rule + " names no rule in Rules.ALL");
        Case c = Case.parse(where, Files.readString(file, StandardCharsets.UTF_8));

        SchemaModel schema = new SchemaModel();
        Path schemaFile = c.schema() == null ? folder.resolve("schema.sql")
                : c.schema().equals("none") ? null : folder.resolve(c.schema());
        if (c.schema() != null && schemaFile != null) {
            assertTrue(Files.isRegularFile(schemaFile), where + ": schema: " + c.schema() + " is no file in "
                    + folder.getFileName());
        }
        if (schemaFile != null && Files.isRegularFile(schemaFile)) {
            List<SourceProblem> problems = new ArrayList<>();
            SchemaFiles.apply(schema, Files.readString(schemaFile, StandardCharsets.UTF_8), problems::add);
            assertTrue(problems.isEmpty(), where + ": schema " + schemaFile.getFileName() + " has errors " + problems);
        }

        FileAnalysis result = new Analyzer(c.version()).analyze(file.getFileName().toString(), c.sql(), schema);
        assertTrue(result.problems().stream().noneMatch(SourceProblem::error), where + " has input errors "
                + result.problems());
        List<String> found = new ArrayList<>();
        result.statements().forEach(s -> s.findings().stream().filter(f -> f.rule().id().equals(rule))
                .forEach(f -> found.add("statement " + s.index() + ": " + f.message())));
        String said = where + " (" + c.text() + ", " + c.version() + ") expected " + c.expectation() + ", found "
                + (found.isEmpty() ? "none" : found);
        if (c.count() != null) {
            assertEquals(c.count().intValue(), found.size(), said);
        } else if (c.raised()) {
            assertFalse(found.isEmpty(), said);
        } else {
            assertTrue(found.isEmpty(), said);
        }
    }

    /** One case file: its header and the migration after it. */
    record Case(String text, String expectation, boolean raised, Integer count, PgVersion version, String schema,
                String sql) {

        static Case parse(String where, String source) {
            Map<String, String> header = new LinkedHashMap<>();
            for (String line : source.split("\n", -1)) {
                String l = line.strip();
                if (l.isEmpty()) {
                    continue;
                }
                if (!l.startsWith("--")) {
                    break;
                }
                Matcher m = HEADER.matcher(l);
                if (!m.matches()) {
                    continue; // a plain comment in the header
                }
                String key = m.group(1).toLowerCase(java.util.Locale.ROOT);
                if (!KEYS.contains(key)) {
                    fail(where + ": unknown header '" + m.group(1) + ":'; a case knows " + KEYS);
                }
                if (header.put(key, m.group(2)) != null) {
                    fail(where + ": '" + key + ":' given twice");
                }
            }
            String text = header.get("case");
            if (text == null || text.isBlank()) {
                fail(where + ": no '-- case: ...' line saying what the case shows");
            }
            String expect = header.get("expect");
            if (expect == null) {
                fail(where + ": no '-- expect: raised | not raised | raised N' line");
            }
            Matcher e = EXPECT.matcher(expect.toLowerCase(java.util.Locale.ROOT));
            if (!e.matches()) {
                fail(where + ": expect: '" + expect + "' is none of raised, not raised, raised N");
            }
            boolean raised = e.group(1) == null;
            Integer count = e.group(2) == null ? null : Integer.valueOf(e.group(2));
            PgVersion version = PgVersion.DEFAULT;
            String v = header.get("pg-version");
            if (v != null) {
                try {
                    version = new PgVersion(Integer.parseInt(v));
                } catch (NumberFormatException ex) {
                    fail(where + ": pg-version: '" + v + "' is not a major version number such as 13");
                } catch (IllegalArgumentException ex) {
                    fail(where + ": pg-version: " + ex.getMessage());
                }
            }
            return new Case(text, expect, raised, count, version, header.get("schema"), source);
        }
    }

    private static String caseText(Path file) {
        try {
            Matcher m = Pattern.compile("(?m)^--\\s*case\\s*:\\s*(.*?)\\s*$")
                    .matcher(Files.readString(file, StandardCharsets.UTF_8));
            return m.find() ? m.group(1) : null;
        } catch (IOException e) {
            return null;
        }
    }

    private static List<Path> list(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.sorted().toList();
        }
    }
}
