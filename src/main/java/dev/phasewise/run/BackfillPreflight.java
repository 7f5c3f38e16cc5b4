package dev.phasewise.run;

import dev.phasewise.analysis.schema.Column;
import dev.phasewise.analysis.schema.Relation;
import dev.phasewise.analysis.sql.TypeName;
import dev.phasewise.db.Database;
import dev.phasewise.plan.steps.BatchedStep;
import dev.phasewise.run.backfill.BackfillExpressions;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The database half of a plan's pre-flight for batched steps (backfills and batched deletes): their SET
 * (a delete has none) and WHERE are planned on the
 * table as the plan will have made it by then ({@link BackfillExpressions}), so that an unknown column,
 * a syntax error or a wrong type inside an expression stops the run before its first write. One
 * session, opened at the first backfill step and closed with this object.
 */
final class BackfillPreflight implements Preflight.BackfillCheck, AutoCloseable {
    private final Database db;
    private Connection session;

    BackfillPreflight(Database db) {
        this.db = db;
    }

    @Override
    public List<String> check(BatchedStep step, Relation table) {
        List<BackfillExpressions.Column> columns = new ArrayList<>();
        for (Column c : table.columns().values()) {
            TypeName t = c.type();
            // a serial column is its integer type; "serial" would create a sequence
            columns.add(new BackfillExpressions.Column(c.name(), t == null ? null
                    : new TypeName(t.base(), t.modifiers(), t.arrayDimensions(), false).sql()));
        }
        try {
            if (session == null) {
                session = db.newSession();
            }
            return BackfillExpressions.check(session, step.table(), columns, step.set(), step.where())
                    .map(List::of).orElse(List.of());
        } catch (SQLException e) {
            throw db.translate(e);
        }
    }

    @Override
    public void close() {
        if (session != null) {
            try {
                session.close();
            } catch (SQLException ignored) {
                // closing anyway
            }
        }
    }
}
