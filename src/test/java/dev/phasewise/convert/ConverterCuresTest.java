package dev.phasewise.convert;

import dev.phasewise.analysis.SchemaFiles;
import dev.phasewise.analysis.pg.PgVersion;
import dev.phasewise.analysis.schema.SchemaModel;
import dev.phasewise.plan.PlanAnalysis;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What lint promises when it says "phasewise convert rewrites this": for every rule in
 * {@link Converter#CURES}, its bad fixture raises the rule, and the plan it converts into does not.
 */
class ConverterCuresTest {
    private static final Path RULES = Path.of("src/test/resources/rules");

    @TestFactory
    Stream<DynamicTest> everyCuredRulesBadFixtureConvertsIntoAPlanThatNoLongerRaisesIt() {
        return Converter.CURES.stream().sorted().map(rule -> DynamicTest.dynamicTest(rule, () -> {
            Path dir = RULES.resolve(rule);
            String bad = Files.readString(dir.resolve("bad.sql"), StandardCharsets.UTF_8);
            Path schemaFile = dir.resolve("schema.sql");
            SchemaModel schema = Files.exists(schemaFile)
                    ? SchemaFiles.of(Files.readString(schemaFile, StandardCharsets.UTF_8)) : new SchemaModel();
            PgVersion version = PgVersion.DEFAULT;
            Conversion c = new Converter(version).convert("bad.sql", bad, schema);
            assertFalse(c.hasInputErrors(), c.problems().toString());
            assertTrue(c.stillRisky().isEmpty(), rule + ": the bad fixture stays risky: " + c.stillRisky());
            List<String> raised = PlanAnalysis.analyze(c.plan(), schema, version).values().stream()
                    .flatMap(List::stream).flatMap(r -> r.findings().stream())
                    .filter(f -> f.rule().id().equals(rule)).map(f -> f.message()).toList();
            assertEquals(List.of(), raised, rule + " still raised by the converted plan");
        }));
    }
}
