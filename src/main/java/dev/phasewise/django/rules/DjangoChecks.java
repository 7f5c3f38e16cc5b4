package dev.phasewise.django.rules;

import dev.phasewise.analysis.FileAnalysis;
import dev.phasewise.analysis.StatementResult;
import dev.phasewise.analysis.parse.SourceProblem;
import dev.phasewise.analysis.rules.Finding;
import dev.phasewise.django.DjangoMigration;
import dev.phasewise.django.OperationFacts;
import dev.phasewise.django.PendingChanges;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;

/**
 * Runs the Django rules and puts their findings into the report beside the SQL rules': on the operation's
 * statement (the CREATE INDEX of an AddIndex), replacing the SQL finding a Django one supersedes (PW103 by
 * PW403), and where the operation has no SQL (a RunPython), on an entry of its own at the operation's
 * line: index 0 (no statement of the SQL), the operation as its "sql". Models changed without a
 * migration are reported the same way against the app's models file.
 */
public final class DjangoChecks {
    private final List<DjangoRule> rules;

    public DjangoChecks(List<DjangoRule> rules) {
        this.rules = rules;
    }

    /** {@code analyses} are MigrationLint's results for {@code linted}: one per migration, in the same order. */
    public List<FileAnalysis> apply(List<DjangoMigration> linted, List<FileAnalysis> analyses,
                                    boolean addIndexConcurrently) {
        if (linted.size() != analyses.size()) {
            throw new IllegalArgumentException(linted.size() + " migrations but " + analyses.size() + " analyses");
        }
        List<FileAnalysis> out = new ArrayList<>();
        for (int i = 0; i < linted.size(); i++) {
            out.add(apply(linted.get(i), analyses.get(i), addIndexConcurrently));
        }
        return out;
    }

    FileAnalysis apply(DjangoMigration m, FileAnalysis analysis, boolean addIndexConcurrently) {
        if (m.operations().isEmpty()) {
            return analysis;
        }
        MigrationContext ctx = new MigrationContext(m, analysis, addIndexConcurrently);
        List<OperationFinding> found = new ArrayList<>();
        rules.forEach(r -> r.check(ctx, found));
        if (found.isEmpty()) {
            return analysis;
        }
        PySuppressions suppressions = PySuppressions.of(m.file());
        List<SourceProblem> problems = new ArrayList<>(analysis.problems());
        List<StatementResult> statements = new ArrayList<>(analysis.statements());
        for (OperationFinding f : found) {
            if (!suppressions.silences(m.operations().get(f.operation()).line(), f.finding().rule(), problems)) {
                place(statements, m, f);
            }
        }
        return new FileAnalysis(analysis.file(), statements, problems);
    }

    /**
     * One file per app whose models changed without a migration (the apps {@code selected} accepts), its
     * finding at the changed model's class. When the comparison itself failed, a note on {@code projectFile}
     * says why (the migrations are still linted).
     */
    public List<FileAnalysis> pending(List<PendingChanges> pending, Predicate<String> selected, String projectFile) {
        List<FileAnalysis> out = new ArrayList<>();
        for (PendingChanges p : pending) {
            if (p.app() == null) {
                out.add(new FileAnalysis(projectFile, List.of(), List.of(SourceProblem.note(0, 0,
                        "the models were not compared with the migrations (" + ModelsWithoutMigration.META.id()
                                + "): " + p.error()))));
                continue;
            }
            if (!selected.test(p.app())) {
                continue;
            }
            List<Finding> findings = new ArrayList<>();
            List<SourceProblem> problems = new ArrayList<>();
            PySuppressions suppressions = PySuppressions.of(p.file());
            for (DjangoRule r : rules) {
                OperationFinding f = r.check(p);
                if (f != null && !suppressions.silences(p.line(), f.finding().rule(), problems)) {
                    findings.add(f.finding());
                }
            }
            if (!findings.isEmpty() || !problems.isEmpty()) {
                String file = p.file() != null ? p.file().toString() : p.app() + "/models.py";
                out.add(new FileAnalysis(file, findings.isEmpty() ? List.of() : List.of(new StatementResult(0,
                        Math.max(1, p.line()), 1, "makemigrations " + p.app() + ": " + String.join("; ", p.operations()),
                        List.of(), findings, null, List.of())), problems));
            }
        }
        return out;
    }

    private static void place(List<StatementResult> statements, DjangoMigration m, OperationFinding f) {
        DjangoMigration.Operation at = m.operations().get(f.operation());
        int first = -1;
        for (int i = 0; i < statements.size(); i++) {
            StatementResult s = statements.get(i);
            if (s.line() != at.line() || s.column() != at.column() || transactionControl(s.sql())) {
                continue;
            }
            if (f.supersedes() != null && s.findings().stream().anyMatch(x -> x.rule().id().equals(f.supersedes()))) {
                List<Finding> findings = new ArrayList<>(s.findings().stream()
                        .filter(x -> !x.rule().id().equals(f.supersedes())).toList());
                findings.add(f.finding());
                statements.set(i, with(s, findings));
                return;
            }
            if (first < 0) {
                first = i;
            }
        }
        if (first >= 0) {
            List<Finding> findings = new ArrayList<>(statements.get(first).findings());
            findings.add(f.finding());
            statements.set(first, with(statements.get(first), findings));
            return;
        }
        // no SQL of its own (RunPython): an entry at the operation's line, after the statements above it
        int insert = 0;
        while (insert < statements.size() && statements.get(insert).line() <= at.line()) {
            insert++;
        }
        statements.add(insert, new StatementResult(0, at.line(), at.column(), written(m.facts(f.operation())),
                List.of(), List.of(f.finding()), null, List.of()));
    }

    private static StatementResult with(StatementResult s, List<Finding> findings) {
        return new StatementResult(s.index(), s.line(), s.column(), s.sql(), s.tables(), List.copyOf(findings),
                s.error(), s.estimates());
    }

    /** The operation roughly as written in the .py file: migrations.RunPython(forwards, backwards). */
    private static String written(OperationFacts op) {
        if (op.code() == null) {
            return "migrations." + op.type() + "(...)";
        }
        String reverse = op.reverseCode() == null ? "" : ", " + (op.reverseCode().equals("noop")
                ? "migrations.RunPython.noop" : op.reverseCode());
        return "migrations." + op.type() + "(" + op.code() + reverse + ")";
    }

    private static boolean transactionControl(String sql) {
        String s = sql.strip().toUpperCase(Locale.ROOT);
        return s.startsWith("BEGIN") || s.startsWith("COMMIT");
    }
}
