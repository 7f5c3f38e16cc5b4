package dev.phasewise.db.explain;

import java.util.List;
import java.util.Map;

/**
 * The outcome of explaining one statement: either a plan, or the reason the statement has none
 * ({@link #notExplainable()}, e.g. DDL).
 *
 * @param sql              the statement explained, without its semicolon
 * @param notExplainable   null when there is a plan; otherwise "not explainable: ALTER TABLE"
 * @param analyzed         the statement ran (inside a transaction that was rolled back)
 * @param genericPlan      planned without parameter values (a generic plan, {@code $n} left in its conditions)
 * @param parameters       the sample values bound to $1, $2, ... (empty when none)
 * @param root             the plan tree
 * @param planningMs       planning time when reported (analysed plans), else null
 * @param executionMs      execution time of analysed plans, else null
 * @param triggers         triggers fired (analysed plans only)
 * @param settings         planner settings that differ from their defaults
 * @param tableRows        pg_class.reltuples of each relation in the plan (unknown ones left out)
 * @param serverVersion    server_version_num
 */
public record ExplainResult(String sql, String notExplainable, boolean analyzed, boolean genericPlan,
                            List<String> parameters, PlanNode root, Double planningMs, Double executionMs,
                            List<TriggerStat> triggers, Map<String, String> settings, Map<String, Long> tableRows,
                            int serverVersion) {

    public ExplainResult {
        parameters = parameters == null ? List.of() : List.copyOf(parameters);
        triggers = triggers == null ? List.of() : List.copyOf(triggers);
        settings = settings == null ? Map.of() : Map.copyOf(settings);
        tableRows = tableRows == null ? Map.of() : Map.copyOf(tableRows);
    }

    static ExplainResult notExplainable(String sql, String kind, int serverVersion) {
        return new ExplainResult(sql, "not explainable: " + kind, false, false, List.of(), null, null, null,
                List.of(), Map.of(), Map.of(), serverVersion);
    }

    public boolean explainable() {
        return notExplainable == null;
    }
}
