package dev.phasewise.django;

import dev.phasewise.analysis.FileAnalysis;
import dev.phasewise.analysis.StatementResult;
import dev.phasewise.analysis.parse.SourceProblem;
import dev.phasewise.analysis.rules.Finding;

import java.util.List;

/**
 * Moves a migration's analysis from the lines of its SQL to the lines of its {@code .py} file: each
 * statement (and each problem) to the operation whose SQL it is part of, so that an editor or code
 * scanning opens the migration at the {@code AddIndex} that wrote the {@code CREATE INDEX}. The
 * statement's SQL stays in the report; what comes before the first operation (BEGIN) goes to the
 * first operation, COMMIT to the last.
 */
final class PyFileLines {
    private PyFileLines() {
    }

    static FileAnalysis of(FileAnalysis sqlLines, DjangoMigration m) {
        List<DjangoMigration.Operation> ops = m.operations();
        if (ops.isEmpty()) {
            return sqlLines;
        }
        List<StatementResult> statements = sqlLines.statements().stream().map(r -> {
            DjangoMigration.Operation op = operationAt(ops, r.line());
            // a finding inside a DO block carries its own SQL line: it moves to that line's operation too
            List<Finding> findings = r.findings().stream().map(f -> {
                if (!f.located()) {
                    return f;
                }
                DjangoMigration.Operation at = operationAt(ops, f.line());
                return f.at(at.line(), at.column());
            }).toList();
            return new StatementResult(r.index(), op.line(), op.column(), r.sql(), r.tables(), findings, r.error(),
                    r.estimates());
        }).toList();
        List<SourceProblem> problems = sqlLines.problems().stream().map(p -> {
            DjangoMigration.Operation op = operationAt(ops, p.line());
            return new SourceProblem(p.error(), op.line(), op.column(), p.message());
        }).toList();
        return new FileAnalysis(sqlLines.file(), statements, problems);
    }

    /** The last operation whose SQL begins at or before {@code sqlLine}; the first one for what precedes them all. */
    static DjangoMigration.Operation operationAt(List<DjangoMigration.Operation> ops, int sqlLine) {
        DjangoMigration.Operation found = ops.get(0);
        for (DjangoMigration.Operation op : ops) {
            if (op.sqlLine() <= sqlLine) {
                found = op;
            }
        }
        return found;
    }
}
