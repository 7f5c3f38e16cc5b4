package dev.phasewise.django.rules;

import dev.phasewise.analysis.FileAnalysis;
import dev.phasewise.analysis.StatementResult;
import dev.phasewise.django.DjangoMigration;
import dev.phasewise.django.OperationFacts;

import java.util.List;

/**
 * One migration as the Django rules see it: its facts, the analysis of its SQL (statements already on
 * the lines of the .py file, so a statement belongs to the operation written at its line and column),
 * and whether the project's Django has {@code AddIndexConcurrently}.
 */
public record MigrationContext(DjangoMigration migration, FileAnalysis analysis, boolean addIndexConcurrently) {

    public int operationCount() {
        return migration.operations().size();
    }

    public OperationFacts facts(int op) {
        return migration.facts(op);
    }

    /** Where operation {@code op} is written: "line N" of the .py file. */
    public String where(int op) {
        return "line " + migration.operations().get(op).line();
    }

    /**
     * The statements of operation {@code op}'s SQL, BEGIN and COMMIT left out. None when another operation is
     * at the same place (operations not written out as a list all stand at the class line): whose statement
     * is whose cannot be told there, and a rule had better say nothing than blame the wrong operation.
     */
    public List<StatementResult> statementsOf(int op) {
        return statementsOf(analysis, migration, op);
    }

    static List<StatementResult> statementsOf(FileAnalysis analysis, DjangoMigration m, int op) {
        DjangoMigration.Operation at = m.operations().get(op);
        if (m.operations().stream().filter(o -> o.line() == at.line() && o.column() == at.column()).count() > 1) {
            return List.of();
        }
        return analysis.statements().stream()
                .filter(s -> s.line() == at.line() && s.column() == at.column() && !transactionControl(s.sql()))
                .toList();
    }

    private static boolean transactionControl(String sql) {
        String s = sql.strip().toUpperCase(java.util.Locale.ROOT);
        return s.startsWith("BEGIN") || s.startsWith("COMMIT");
    }
}
