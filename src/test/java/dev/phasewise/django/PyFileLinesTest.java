package dev.phasewise.django;

import dev.phasewise.analysis.Analyzer;
import dev.phasewise.analysis.FileAnalysis;
import dev.phasewise.analysis.pg.PgVersion;
import dev.phasewise.analysis.rules.Finding;
import dev.phasewise.analysis.schema.SchemaModel;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A statement belongs to the last operation whose SQL begins at or before it; BEGIN to the first. */
class PyFileLinesTest {
    private static final List<DjangoMigration.Operation> OPS = List.of(
            new DjangoMigration.Operation(2, 12, 9), new DjangoMigration.Operation(7, 17, 9));

    @Test
    void eachStatementGoesToItsOperation() {
        assertEquals(12, PyFileLines.operationAt(OPS, 1).line()); // BEGIN
        assertEquals(12, PyFileLines.operationAt(OPS, 5).line());
        assertEquals(12, PyFileLines.operationAt(OPS, 6).line());
        assertEquals(17, PyFileLines.operationAt(OPS, 7).line());
        assertEquals(17, PyFileLines.operationAt(OPS, 11).line()); // COMMIT
    }

    @Test
    void aFindingInsideADoBlockGoesToTheOperationOfItsOwnLine() {
        String sql = """
                BEGIN;
                --
                -- Raw SQL operation
                --
                DO $$ BEGIN
                  NULL;
                --
                -- Raw SQL operation
                --
                  CREATE INDEX i ON users (email);
                END $$;
                COMMIT;
                """;
        FileAnalysis a = new Analyzer(PgVersion.DEFAULT).analyze("0002.sql", sql, new SchemaModel());
        DjangoMigration m = new DjangoMigration("app", "0002", Path.of("0002.py"), true, null, sql, OPS, List.of());
        Finding f = PyFileLines.of(a, m).statements().get(1).findings().stream()
                .filter(x -> x.rule().id().equals("PW101")).findFirst().orElseThrow();
        assertEquals(17, f.line(), "SQL line 10 is the second operation's, not SQL line 10 of the .py file");
        assertEquals(9, f.column());
    }
}
