package dev.phasewise.ui.explain;

import dev.phasewise.db.explain.BackfillExplainer;
import dev.phasewise.db.explain.ExplainResult;
import dev.phasewise.db.explain.ExplainWarning;
import dev.phasewise.db.explain.ExplainWarnings;
import dev.phasewise.db.explain.Explainer;
import dev.phasewise.plan.sql.Action;
import dev.phasewise.plan.steps.BatchedDelete;
import dev.phasewise.plan.steps.BatchedStep;
import dev.phasewise.plan.steps.CreateIndex;
import dev.phasewise.plan.steps.RawSql;
import dev.phasewise.plan.steps.Step;
import dev.phasewise.ui.BackgroundWork;
import dev.phasewise.ui.UiTasks;
import dev.phasewise.ui.conn.ConnectedDatabase;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * EXPLAIN of the selected step, in the background: a backfill's batch as the runner runs it, a
 * query or DML statement as written; and, around a create-index step, a query's plan before and
 * after the index (built non-concurrently inside a transaction that is rolled back — staging only).
 */
public final class ExplainViewModel {
    private final BackgroundWork tasks;
    private final ObjectProperty<ExplainResult> result = new SimpleObjectProperty<>();
    private final ObjectProperty<ExplainResult> after = new SimpleObjectProperty<>();
    private final ObservableList<ExplainWarning> warnings = FXCollections.observableArrayList();
    private final StringProperty message = new SimpleStringProperty("Connect to a database to see EXPLAIN.");
    private final StringProperty query = new SimpleStringProperty("");
    private final BooleanProperty analyze = new SimpleBooleanProperty();
    private long generation;

    public ExplainViewModel(BackgroundWork tasks) {
        this.tasks = tasks;
    }

    public void explain(Step step, ConnectedDatabase c) {
        long g = ++generation;
        result.set(null);
        after.set(null);
        warnings.clear();
        if (c == null) {
            message.set("Connect to a database to see EXPLAIN.");
            return;
        }
        if (step == null) {
            message.set("Select a step.");
            return;
        }
        String sql = explainable(step);
        if (sql == null) {
            message.set(step instanceof CreateIndex ? "A create-index step is DDL: EXPLAIN does not apply to it. Enter a "
                    + "query below and compare its plan before and after the index."
                    : "EXPLAIN applies to queries and DML; " + step.kind() + " is DDL.");
            return;
        }
        // ANALYZE executes the statement (rolled back): a staging database only
        boolean analyzed = analyze.get() && c.staging();
        message.set(analyzed ? "Explaining with ANALYZE (executed, rolled back)…" : "Explaining…");
        tasks.run("explain", () -> run(step, sql, c, analyzed), out -> {
            if (g == generation) {
                result.set(out.result());
                warnings.setAll(out.warnings());
                String what = step instanceof BatchedStep ? "One batch of the " + (step instanceof BatchedDelete
                        ? "batched delete" : "backfill") + ", with the first key range"
                        : "Plan of the statement";
                message.set(out.note() != null ? out.note() : what + (analyzed
                        ? ", executed with ANALYZE and rolled back" : " (not executed)")
                        + (analyze.get() && !c.staging() ? "; ANALYZE is for staging databases only" : ""));
            }
        }, failure -> {
            if (g == generation) {
                message.set("EXPLAIN failed: " + UiTasks.describe(failure));
            }
        });
    }

    private static BackfillExplainer.Outcome run(Step step, String sql, ConnectedDatabase c, boolean analyzed)
            throws SQLException {
        try (Connection session = c.database().newSession()) {
            if (step instanceof BatchedStep b) {
                return new BackfillExplainer(session, ExplainWarnings.Thresholds.DEFAULTS).explain(b, analyzed, "10s");
            }
            Explainer.Options options = analyzed ? Explainer.Options.plan().analyzed("10s") : Explainer.Options.plan();
            ExplainResult r = new Explainer(session).explain(sql, options);
            return new BackfillExplainer.Outcome(null, r, ExplainWarnings.of(r), r.explainable() ? null
                    : "not explainable: " + r.notExplainable());
        }
    }

    /** The statement of the step EXPLAIN can show, or null. */
    static String explainable(Step step) {
        if (step instanceof BatchedStep b) {
            return b.batchSql();
        }
        if (step instanceof RawSql) {
            for (Action a : step.forward()) {
                String first = a.sql().strip().toLowerCase(Locale.ROOT);
                if (first.startsWith("select") || first.startsWith("update") || first.startsWith("insert")
                        || first.startsWith("delete") || first.startsWith("with")) {
                    return a.sql();
                }
            }
        }
        return null;
    }

    /**
     * Explains the query, builds the step's index without CONCURRENTLY in a transaction, explains
     * the query again, and rolls back. Refused unless the database is staging (it takes a SHARE lock
     * on the table while the index builds).
     */
    public void compare(CreateIndex step, String queryText, ConnectedDatabase c) {
        long g = ++generation;
        if (c == null) {
            message.set("Connect to a database to compare plans.");
            return;
        }
        if (!c.staging()) {
            message.set("Before/after needs a staging database: it builds the index (SHARE lock, blocks writes) inside "
                    + "a transaction and rolls it back. " + c.decision().reason());
            return;
        }
        if (queryText == null || queryText.isBlank()) {
            message.set("Enter a query to compare.");
            return;
        }
        message.set("Comparing…");
        String ddl = step.forward().get(0).sql().replaceFirst("(?i)\\s+CONCURRENTLY", "");
        tasks.run("compare", () -> {
            try (Connection s = c.database().newSession()) {
                Explainer ex = new Explainer(s);
                ExplainResult before = ex.explain(queryText, Explainer.Options.plan());
                s.setAutoCommit(false);
                try {
                    try (var st = s.createStatement()) {
                        st.execute("SET LOCAL lock_timeout = '2s'");
                        st.execute(ddl);
                    }
                    ExplainResult afterIndex = ex.explain(queryText, Explainer.Options.plan());
                    return List.of(before, afterIndex);
                } finally {
                    s.rollback();
                    s.setAutoCommit(true);
                }
            }
        }, both -> {
            if (g == generation) {
                result.set(both.get(0));
                after.set(both.get(1));
                List<ExplainWarning> w = new ArrayList<>(ExplainWarnings.of(both.get(1)));
                warnings.setAll(w);
                message.set(String.format(Locale.ROOT, "Before: total cost %.0f · after %s: total cost %.0f "
                        + "(index built in a transaction, rolled back)", both.get(0).root().totalCost(), step.id(),
                        both.get(1).root().totalCost()));
            }
        }, failure -> {
            if (g == generation) {
                message.set("Compare failed: " + UiTasks.describe(failure));
            }
        });
    }

    public ObjectProperty<ExplainResult> resultProperty() {
        return result;
    }

    public ObjectProperty<ExplainResult> afterProperty() {
        return after;
    }

    public ObservableList<ExplainWarning> warnings() {
        return warnings;
    }

    public StringProperty messageProperty() {
        return message;
    }

    /** EXPLAIN ANALYZE: runs the statement in a transaction that is rolled back; honoured on staging only. */
    public BooleanProperty analyzeProperty() {
        return analyze;
    }

    public StringProperty queryProperty() {
        return query;
    }
}
