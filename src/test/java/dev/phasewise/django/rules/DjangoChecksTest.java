package dev.phasewise.django.rules;

import dev.phasewise.analysis.Analyzer;
import dev.phasewise.analysis.FileAnalysis;
import dev.phasewise.analysis.StatementResult;
import dev.phasewise.analysis.pg.PgVersion;
import dev.phasewise.analysis.schema.SchemaModel;
import dev.phasewise.django.DjangoMigration;
import dev.phasewise.django.DjangoMigration.Operation;
import dev.phasewise.django.MigrationLint;
import dev.phasewise.django.OperationFacts;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Django rules on migrations written out as the helper would answer (sqlmigrate's SQL, the operations'
 * places, their facts), without a Python: the cases the fixture project cannot show with Django 3.2 or
 * that are about order and placement. DjangoRulesIT runs them through a real Django.
 */
class DjangoChecksTest {
    private static final DjangoMigration INITIAL = new DjangoMigration("shop", "0001_initial", null, true, null,
            "BEGIN;\n--\n-- Create model Item\n--\nCREATE TABLE \"shop_item\" (\"id\" bigserial NOT NULL PRIMARY KEY, "
                    + "\"name\" text NOT NULL);\nCOMMIT;\n",
            List.of(new Operation(2, 10, 9)), List.of(facts("CreateModel", false, null, null)));

    private static OperationFacts facts(String type, boolean existed, String code, String reverse) {
        return new OperationFacts(type, type.startsWith("Run") ? null : "item", existed ? "shop_item" : null, existed,
                type, code, reverse, List.of(), null, List.of("shop_item_name_idx"));
    }

    /** The second migration's analysis with the Django rules applied, as django lint reports it. */
    private static FileAnalysis check(DjangoMigration m, boolean addIndexConcurrently) {
        List<FileAnalysis> sql = new MigrationLint(new Analyzer(PgVersion.DEFAULT))
                .lint(List.of(INITIAL, m), new SchemaModel(), x -> x == m);
        return new DjangoChecks(DjangoRules.ALL).apply(List.of(m), sql, addIndexConcurrently).get(0);
    }

    private static Set<String> rules(FileAnalysis a) {
        Set<String> ids = new TreeSet<>();
        a.statements().forEach(s -> s.findings().forEach(f -> ids.add(f.rule().id())));
        return ids;
    }

    private static final String ADD_FIELD = "--\n-- Add field note to item\n--\n"
            + "ALTER TABLE \"shop_item\" ADD COLUMN \"note\" text NULL;\n";
    private static final String RUN_PYTHON = "--\n-- Raw Python operation\n--\n-- THIS OPERATION CANNOT BE WRITTEN AS SQL\n";

    @Test
    void aRunPythonBeforeTheSchemaChangeHoldsNoSchemaLockAndOneAfterItDoes() {
        DjangoMigration dataFirst = new DjangoMigration("shop", "0002_data_first", null, true, null,
                "BEGIN;\n" + RUN_PYTHON + ADD_FIELD + "COMMIT;\n", List.of(new Operation(2, 12, 9), new Operation(6, 13, 9)),
                List.of(facts("RunPython", false, "fill", "noop"), facts("AddField", true, null, null)));
        assertFalse(rules(check(dataFirst, true)).contains("PW405"), check(dataFirst, true).toString());

        DjangoMigration schemaFirst = new DjangoMigration("shop", "0002_schema_first", null, true, null,
                "BEGIN;\n" + ADD_FIELD + RUN_PYTHON + "COMMIT;\n", List.of(new Operation(2, 12, 9), new Operation(6, 17, 9)),
                List.of(facts("AddField", true, null, null), facts("RunPython", false, "fill", "noop")));
        FileAnalysis a = check(schemaFirst, true);
        List<StatementResult> entries = a.statements().stream()
                .filter(s -> s.findings().stream().anyMatch(f -> f.rule().id().equals("PW405"))).toList();
        assertEquals(1, entries.size(), a.toString());
        // the RunPython has no SQL: an entry of its own at its line, after the AddField's statements, before COMMIT
        assertEquals(17, entries.get(0).line());
        assertEquals(0, entries.get(0).index());
        assertEquals("migrations.RunPython(fill, migrations.RunPython.noop)", entries.get(0).sql());
        List<Integer> lines = new ArrayList<>();
        a.statements().forEach(s -> lines.add(s.line()));
        assertEquals(lines.stream().sorted().toList(), lines, a.toString());

        DjangoMigration notAtomic = new DjangoMigration("shop", "0002_not_atomic", null, false, null,
                ADD_FIELD + RUN_PYTHON, List.of(new Operation(1, 12, 9), new Operation(5, 17, 9)),
                List.of(facts("AddField", true, null, null), facts("RunPython", false, "fill", "noop")));
        assertFalse(rules(check(notAtomic, true)).contains("PW405"));
    }

    /** Before Django 3.0 there is no AddIndexConcurrently to suggest: PW101 alone says it. */
    @Test
    void addIndexWithoutAddIndexConcurrentlyIsLeftToPw101() {
        DjangoMigration addIndex = new DjangoMigration("shop", "0002_idx", null, true, null,
                "BEGIN;\n--\n-- Create index shop_item_name_idx on field(s) name of model item\n--\n"
                        + "CREATE INDEX \"shop_item_name_idx\" ON \"shop_item\" (\"name\");\nCOMMIT;\n",
                List.of(new Operation(2, 9, 9)), List.of(facts("AddIndex", true, null, null)));
        assertTrue(rules(check(addIndex, true)).containsAll(Set.of("PW101", "PW404")));
        assertFalse(rules(check(addIndex, false)).contains("PW404"));
        assertTrue(rules(check(addIndex, false)).contains("PW101"));
    }

    /** A non-atomic migration whose RunSQL opens its own transaction: that is the SQL's doing, PW103 stays. */
    @Test
    void aBeginWrittenInTheRunSqlIsPw103NotPw403() {
        DjangoMigration own = new DjangoMigration("shop", "0002_own_begin", null, false, null,
                "--\n-- Raw SQL operation\n--\nBEGIN;\nCREATE INDEX CONCURRENTLY shop_item_name_idx ON shop_item (name);\n"
                        + "COMMIT;\n", List.of(new Operation(1, 9, 9)), List.of(facts("RunSQL", false, null, null)));
        Set<String> found = rules(check(own, true));
        assertTrue(found.contains("PW103"), found.toString());
        assertFalse(found.contains("PW403"), found.toString());
    }

    /** Operations not written out as a list all stand at the class line: whose lock is whose cannot be told, so no PW405. */
    @Test
    void operationsAtOnePlaceAreNotToldApart() {
        // AlterModelOptions (no SQL), then the RunPython, then the AddField: the lock comes after the data migration
        DjangoMigration dataFirst = new DjangoMigration("shop", "0002_not_a_list", null, true, null,
                "BEGIN;\n--\n-- Change Meta options on item\n--\n" + RUN_PYTHON + ADD_FIELD + "COMMIT;\n",
                List.of(new Operation(2, 8, 1), new Operation(5, 8, 1), new Operation(9, 8, 1)),
                List.of(facts("AlterModelOptions", true, null, null), facts("RunPython", false, "fill", "noop"),
                        facts("AddField", true, null, null)));
        Set<String> found = rules(check(dataFirst, true));
        assertFalse(found.contains("PW405"), found.toString());
        assertTrue(found.contains("PW201"), found.toString());
    }

    @Test
    void aMigrationWithoutFactsRaisesNoDjangoRule() {
        DjangoMigration bare = new DjangoMigration("shop", "0002_bare", null, true, null,
                "BEGIN;\n--\n-- Raw SQL operation\n--\nCREATE INDEX CONCURRENTLY shop_item_name_idx ON shop_item (name);\n"
                        + "COMMIT;\n", List.of(new Operation(2, 9, 9)), List.of());
        Set<String> found = rules(check(bare, true));
        assertTrue(found.contains("PW103"), found.toString());
        assertTrue(found.stream().noneMatch(r -> r.startsWith("PW4")), found.toString());
    }
}
