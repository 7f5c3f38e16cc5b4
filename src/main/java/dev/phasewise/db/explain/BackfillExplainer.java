package dev.phasewise.db.explain;

import dev.phasewise.plan.Plan;
import dev.phasewise.plan.sql.Sql;
import dev.phasewise.plan.steps.BatchedStep;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;

/**
 * Explains one batch of a plan's batched step (a backfill or a batched delete) the way the runner will
 * run it: its {@link BatchedStep#batchSql()} with a realistic key range, the first batch: {@code $1} the
 * smallest key, {@code $2} the key {@link BatchedStep#rowsPerBatch()} rows above it (or the largest
 * key). An empty table has no range: its batch is explained as a generic plan (never analysed).
 */
public final class BackfillExplainer {
    /**
     * @param step     the backfill
     * @param result   the explained batch
     * @param warnings its warnings, the backfill-specific ones included
     * @param note     e.g. why a generic plan was used; null otherwise
     */
    public record Outcome(BatchedStep step, ExplainResult result, List<ExplainWarning> warnings, String note) {
    }

    private final Connection connection;
    private final ExplainWarnings.Thresholds limits;

    public BackfillExplainer(Connection connection, ExplainWarnings.Thresholds limits) {
        this.connection = connection;
        this.limits = limits;
    }

    /** Every batched step of the plan (backfills and batched deletes), in run order. */
    public List<Outcome> explainAll(Plan plan, boolean analyze, String statementTimeout) throws SQLException {
        List<Outcome> out = new ArrayList<>();
        for (Plan.Placed p : plan.steps()) {
            if (p.step() instanceof BatchedStep b) {
                out.add(explain(b, analyze, statementTimeout));
            }
        }
        return out;
    }

    public Outcome explain(BatchedStep step, boolean analyze, String statementTimeout) throws SQLException {
        String table = Sql.table(step.table());
        String key = Sql.id(step.keyColumn());
        String low = scalar("SELECT min(" + key + ")::text FROM " + table, null);
        Explainer.Options options = new Explainer.Options(analyze, statementTimeout, List.of());
        String note = null;
        if (low != null) {
            String high = scalar("SELECT " + key + "::text AS v FROM " + table + " WHERE " + key + " > ? ORDER BY " + key
                    + " OFFSET " + (step.rowsPerBatch() - 1) + " LIMIT 1", low);
            if (high == null) {
                high = scalar("SELECT max(" + key + ")::text FROM " + table, null);
            }
            options = options.withParameters(List.of(low, high));
        } else {
            note = "the table is empty: no key range to sample";
            note += "; generic plan";
            if (analyze) {
                options = new Explainer.Options(false, statementTimeout, List.of());
                note += ", without ANALYZE";
            }
        }
        ExplainResult result = new Explainer(connection).explain(step.batchSql(), options);
        List<ExplainWarning> warnings = ExplainWarnings.of(result, limits,
                new ExplainWarnings.BackfillKey(step.table(), step.keyColumn()));
        return new Outcome(step, result, warnings, note);
    }

    private String scalar(String query, String param) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(query)) {
            if (param != null) {
                ps.setObject(1, param, Types.OTHER);
            }
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }
}
