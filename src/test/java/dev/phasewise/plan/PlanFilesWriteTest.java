package dev.phasewise.plan;

import dev.phasewise.testing.Golden;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PlanFilesWriteTest {

    /** Every sample plan, written and read back, is the same plan, and writing it again gives the same text. */
    @TestFactory
    Stream<DynamicTest> samplePlansRoundTrip() throws IOException {
        return PlanFilesTest.samples().map(p -> DynamicTest.dynamicTest(p.getFileName().toString(), () -> {
            Plan plan = PlanFiles.read(p);
            String yaml = PlanFiles.toYaml(plan);
            Plan again = PlanFiles.parse("written", yaml);
            assertEquals(plan, again, yaml);
            assertEquals(yaml, PlanFiles.toYaml(again));
        }));
    }

    /** Derived ids and titles stay out of the file: only what the plan said is written. */
    @Test
    void writesOnlyWhatThePlanSaid(@TempDir Path dir) throws Exception {
        Plan plan = PlanFiles.read(Golden.project("migrations-samples/add-article-summary.plan.yaml"));
        Path out = dir.resolve("copy.plan.yaml");
        PlanFiles.write(out, plan);
        String text = Files.readString(out);
        assertFalse(text.contains("id: add-column-articles_article-summary"), text);
        assertFalse(text.contains("title:"), text);
        // the documented format: each step says its kind with a kind: key, not a YAML type tag
        assertTrue(text.contains("- kind: add-column"), text);
        assertFalse(text.contains("!<"), text);
        assertEquals(plan, PlanFiles.read(out));
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count(), "no temporary file left");
        }
    }
}
