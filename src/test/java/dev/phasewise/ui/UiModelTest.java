package dev.phasewise.ui;

import dev.phasewise.analysis.SchemaFiles;
import dev.phasewise.analysis.StatementResult;
import dev.phasewise.analysis.pg.PgVersion;
import dev.phasewise.plan.Phase;
import dev.phasewise.plan.Plan;
import dev.phasewise.plan.steps.RawSql;
import dev.phasewise.plan.steps.Step;
import dev.phasewise.ui.model.Documents;
import dev.phasewise.ui.model.PlanDocument;
import dev.phasewise.ui.model.StepAnalysis;
import dev.phasewise.ui.model.StepRisk;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The UI's document model and analysis, without the FX toolkit. */
class UiModelTest {

    @Test
    void aSqlFileIsOnePhaseOfRawStatements(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("m.sql");
        Files.writeString(f, "-- first\nALTER TABLE a ADD COLUMN b int;\nCREATE INDEX i ON a (b);\n"
                + "ALTER TABLE a ADD CONSTRAINT a_r FOREIGN KEY (x) REFERENCES r (id) NOT VALID;\n");
        PlanDocument doc = Documents.open(f);
        assertEquals(PlanDocument.Kind.SQL, doc.kind());
        List<Step> steps = doc.plan().phase(Phase.EXPAND).steps();
        assertEquals(3, steps.size());
        assertTrue(doc.plan().phase(Phase.BACKFILL).steps().isEmpty());
        StepAnalysis a = StepAnalysis.analyze(doc.kind(), "m.sql", doc.plan(), SchemaFiles.of("CREATE TABLE a (x int); CREATE TABLE r (id int PRIMARY KEY);"),
                PgVersion.DEFAULT, null);
        List<StatementResult> index = a.of(steps.get(1));
        assertEquals(1, index.size());
        assertTrue(index.get(0).findings().stream().anyMatch(x -> x.rule().id().equals("PW101")));
        assertEquals(StepRisk.RED, StepRisk.of(index), "SHARE blocks writes for a whole scan of unknown length");
        assertEquals(StepRisk.RED, StepRisk.of(a.of(steps.get(0))), "ACCESS EXCLUSIVE blocks reads");
        assertEquals(StepRisk.AMBER, StepRisk.of(a.of(steps.get(2))), "a NOT VALID foreign key blocks writes briefly");
        assertTrue(PlanDocument.sqlText(doc.plan()).contains("CREATE INDEX i ON a (b);"));
    }

    @Test
    void djangoSqlmigrateOutputOpens() throws Exception {
        PlanDocument doc = Documents.openSample("django_sqlmigrate_0007.sql");
        assertTrue(doc.plan().steps().stream().anyMatch(p -> ((RawSql) p.step()).sql().startsWith("BEGIN")));
        StepAnalysis a = StepAnalysis.analyze(doc.kind(), doc.displayName(), doc.plan(),
                SchemaFiles.of(Documents.sampleText("schema.sql")), PgVersion.DEFAULT, null);
        assertTrue(a.byStep().values().stream().flatMap(List::stream).anyMatch(r -> !r.findings().isEmpty()));
    }

    @Test
    void editsAreUndoable() throws Exception {
        PlanDocument doc = Documents.openSample(Documents.DEFAULT_SAMPLE);
        Plan original = doc.plan();
        Step backfill = original.phase(Phase.BACKFILL).steps().get(0);
        doc.edit(PlanDocument.deleteStep(original, backfill));
        assertTrue(doc.dirty());
        assertTrue(doc.plan().phase(Phase.BACKFILL).steps().isEmpty());
        assertTrue(doc.undo());
        assertEquals(original, doc.plan());
        assertFalse(doc.dirty());
        assertTrue(doc.redo());
        assertTrue(doc.plan().phase(Phase.BACKFILL).steps().isEmpty());
        assertEquals(original.phase(Phase.EXPAND).gate(), doc.plan().phase(Phase.EXPAND).gate(), "gates are kept");
    }

    @Test
    void riskColours() throws Exception {
        PlanDocument doc = Documents.openSample(Documents.DEFAULT_SAMPLE);
        StepAnalysis a = StepAnalysis.analyze(doc.kind(), doc.displayName(), doc.plan(),
                SchemaFiles.of(Documents.sampleText("schema.sql")), PgVersion.DEFAULT, null);
        assertEquals(StepRisk.RED, StepRisk.of(a.of(doc.plan().phase(Phase.EXPAND).steps().get(0))));
        assertEquals(StepRisk.GREEN, StepRisk.of(a.of(doc.plan().phase(Phase.BACKFILL).steps().get(0))));
        assertEquals(StepRisk.UNKNOWN, StepRisk.of(List.of()));
    }
}
