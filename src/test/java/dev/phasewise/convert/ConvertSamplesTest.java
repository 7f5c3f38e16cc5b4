package dev.phasewise.convert;

import dev.phasewise.analysis.SchemaFiles;
import dev.phasewise.analysis.StatementResult;
import dev.phasewise.analysis.pg.PgVersion;
import dev.phasewise.analysis.schema.SchemaModel;
import dev.phasewise.plan.PlanAnalysis;
import dev.phasewise.plan.PlanFiles;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every SQL sample in migrations-samples/ converts into a valid plan whose generated SQL lints with no
 * error finding, on the oldest and the newest server Phasewise analyses for, and the conversion is
 * stable: converting the same input twice gives the same plan text.
 */
class ConvertSamplesTest {
    private static final Path SAMPLES = Path.of("migrations-samples");

    @TestFactory
    Stream<DynamicTest> samplesConvertIntoPlansThatLintWithoutError() throws Exception {
        String schemaSql = Files.readString(SAMPLES.resolve("schema.sql"), StandardCharsets.UTF_8);
        List<Path> samples;
        try (Stream<Path> files = Files.walk(SAMPLES)) {
            samples = files.filter(p -> p.toString().endsWith(".sql") && !p.getFileName().toString().equals("schema.sql"))
                    .sorted().toList();
        }
        assertFalse(samples.isEmpty());
        return samples.stream().flatMap(sample -> Stream.of(PgVersion.OLDEST, PgVersion.NEWEST).map(major ->
                DynamicTest.dynamicTest(sample + " on PostgreSQL " + major, () -> {
                    PgVersion version = new PgVersion(major);
                    String sql = Files.readString(sample, StandardCharsets.UTF_8);
                    SchemaModel schema = SchemaFiles.of(schemaSql);
                    Conversion c = new Converter(version).convert(sample.toString(), sql, schema);
                    assertFalse(c.hasInputErrors(), c.problems().toString());
                    String yaml = PlanFiles.toYaml(c.plan());
                    assertTrue(PlanFiles.validate(c.plan()).isEmpty(), PlanFiles.validate(c.plan()) + "\n" + yaml);
                    Map<String, List<StatementResult>> analysed = PlanAnalysis.analyze(c.plan(), schema, version);
                    List<String> errors = analysed.values().stream().flatMap(List::stream)
                            .flatMap(r -> r.findings().stream().filter(f -> f.severity().name().equals("ERROR"))
                                    .map(f -> r.sql() + ": " + f.rule().id() + " " + f.message()))
                            .toList();
                    assertEquals(List.of(), errors, yaml);
                    assertEquals(yaml, PlanFiles.toYaml(new Converter(version).convert(sample.toString(), sql, schema)
                            .plan()), "the same input converts to the same plan");
                })));
    }
}
