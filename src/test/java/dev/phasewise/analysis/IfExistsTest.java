package dev.phasewise.analysis;

import dev.phasewise.analysis.cost.TableEffect;
import dev.phasewise.analysis.parse.SourceProblem;
import dev.phasewise.analysis.pg.PgVersion;
import dev.phasewise.analysis.schema.SchemaModel;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * IF EXISTS on a table the schema model lacks: the lock analysis and the rules answer alike. A
 * schema file (or none) may leave out a table the server has, so both analyse it as existing and
 * a note says so; a schema read from the catalog is the whole database, so there the statement
 * does nothing and neither reports anything.
 */
class IfExistsTest {
    private static final String SCHEMA = "CREATE TABLE orders (id bigint PRIMARY KEY, legacy_code text);\n";
    private static final String MIGRATION = """
            ALTER TABLE IF EXISTS invoices DROP COLUMN legacy_code;
            DROP TABLE IF EXISTS invoices_old;
            """;

    @Test
    void aTableTheSchemaFileLacksIsAnalysedAsExistingAndANoteSaysSo() {
        FileAnalysis r = new Analyzer(PgVersion.DEFAULT).analyze("m.sql", MIGRATION, SchemaFiles.of(SCHEMA));

        assertEquals(Set.of("invoices AccessExclusiveLock"), tables(r.statements().get(0)));
        assertTrue(rules(r.statements().get(0)).containsAll(Set.of("PW303", "PW201")), rules(r.statements().get(0))
                + ": the rules take the table to exist, as the lock analysis does");
        assertEquals(Set.of("invoices_old AccessExclusiveLock"), tables(r.statements().get(1)));
        assertTrue(rules(r.statements().get(1)).containsAll(Set.of("PW304", "PW201")), rules(r.statements().get(1))
                .toString());

        List<SourceProblem> notes = r.problems().stream().filter(p -> !p.error()).toList();
        assertEquals(List.of(1, 2), notes.stream().map(SourceProblem::line).toList(), notes.toString());
        assertTrue(notes.get(0).message().contains("invoices") && notes.get(0).message().contains("IF EXISTS"),
                notes.get(0).message());
        assertTrue(notes.get(1).message().contains("invoices_old"), notes.get(1).message());
    }

    @Test
    void aCompleteSchemaLacksTheTableSoTheStatementDoesNothing() {
        SchemaModel catalog = SchemaFiles.of(SCHEMA);
        catalog.markComplete();
        FileAnalysis r = new Analyzer(PgVersion.DEFAULT).analyze("m.sql", MIGRATION, catalog);

        for (StatementResult s : r.statements()) {
            assertEquals(Set.of(), tables(s), s.sql());
            assertEquals(Set.of(), rules(s), s.sql());
        }
        assertEquals(List.of(), r.problems());
    }

    @Test
    void aDeclaredTableIsAnalysedAlikeWithOrWithoutIfExists() {
        String sql = "ALTER TABLE IF EXISTS orders DROP COLUMN legacy_code;\nDROP TABLE IF EXISTS orders;\n";
        for (boolean complete : new boolean[] {false, true}) {
            SchemaModel schema = SchemaFiles.of(SCHEMA);
            if (complete) {
                schema.markComplete();
            }
            FileAnalysis r = new Analyzer(PgVersion.DEFAULT).analyze("m.sql", sql, schema);
            assertEquals(Set.of("orders AccessExclusiveLock"), tables(r.statements().get(0)));
            assertTrue(rules(r.statements().get(0)).contains("PW303"));
            assertTrue(rules(r.statements().get(1)).contains("PW304"));
            assertEquals(List.of(), r.problems());
        }
    }

    @Test
    void createIndexIfNotExistsSaysWhenTheAnswerHangsOnAnIndexTheSchemaLeavesOut() {
        String migration = "CREATE INDEX IF NOT EXISTS orders_code_idx ON orders (legacy_code);\n";
        FileAnalysis fromFiles = new Analyzer(PgVersion.DEFAULT).analyze("m.sql", migration, SchemaFiles.of(SCHEMA));
        assertEquals(Set.of("orders ShareLock scan"), tables(fromFiles.statements().get(0)));
        assertTrue(rules(fromFiles.statements().get(0)).contains("PW101"));
        assertEquals(1, fromFiles.problems().size(), fromFiles.problems().toString());
        assertTrue(fromFiles.problems().get(0).message().contains("orders_code_idx")
                && fromFiles.problems().get(0).message().contains("--url"), fromFiles.problems().get(0).message());

        SchemaModel declared = SchemaFiles.of(SCHEMA + "CREATE INDEX orders_code_idx ON orders (legacy_code);\n");
        FileAnalysis there = new Analyzer(PgVersion.DEFAULT).analyze("m.sql", migration, declared);
        assertEquals(Set.of("orders ShareLock"), tables(there.statements().get(0)), "nothing is built");
        assertFalse(rules(there.statements().get(0)).contains("PW101"));
        assertEquals(List.of(), there.problems());

        SchemaModel catalog = SchemaFiles.of(SCHEMA);
        catalog.markComplete();
        assertEquals(List.of(), new Analyzer(PgVersion.DEFAULT).analyze("m.sql", migration, catalog).problems(),
                "a catalog lacks the index: it is built, nothing to say");
    }

    private static Set<String> tables(StatementResult s) {
        return s.tables().stream().map(IfExistsTest::describe).collect(Collectors.toSet());
    }

    private static String describe(TableEffect t) {
        return t.name() + " " + t.lock().pgName() + (t.rewrite() ? " rewrite" : "") + (t.scan() ? " scan" : "");
    }

    private static Set<String> rules(StatementResult s) {
        return s.findings().stream().map(f -> f.rule().id()).collect(Collectors.toSet());
    }
}
