package dev.phasewise.ui.model;

import dev.phasewise.analysis.Analyzer;
import dev.phasewise.analysis.FileAnalysis;
import dev.phasewise.analysis.StatementResult;
import dev.phasewise.analysis.cost.Throughput;
import dev.phasewise.analysis.parse.Splitter;
import dev.phasewise.analysis.pg.PgVersion;
import dev.phasewise.analysis.rules.Rules;
import dev.phasewise.analysis.schema.SchemaModel;
import dev.phasewise.plan.Plan;
import dev.phasewise.plan.PlanAnalysis;
import dev.phasewise.plan.sql.Action;
import dev.phasewise.plan.steps.RawSql;
import dev.phasewise.plan.steps.Step;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A document's analysis, per step id: the statement results of the step's forward SQL. Plans go
 * through {@link PlanAnalysis} (the runner's lock_timeout prepended); a SQL file is analysed as the
 * file it is, so its own missing lock_timeout is reported.
 */
public record StepAnalysis(Map<String, List<StatementResult>> byStep, List<String> problems) {
    public static final StepAnalysis EMPTY = new StepAnalysis(Map.of(), List.of());

    public List<StatementResult> of(Step step) {
        return step == null ? List.of() : byStep.getOrDefault(step.id(), List.of());
    }

    public static StepAnalysis analyze(PlanDocument.Kind kind, String name, Plan plan, SchemaModel schema,
                                       PgVersion version, Throughput throughput) {
        Map<String, List<StatementResult>> out = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        if (kind == PlanDocument.Kind.PLAN) {
            Map<String, List<StatementResult>> byAction;
            try {
                byAction = PlanAnalysis.analyze(plan, schema, version, throughput);
            } catch (IllegalArgumentException e) {
                return new StepAnalysis(Map.of(), List.of(e.getMessage()));
            }
            for (Plan.Placed p : plan.steps()) {
                List<StatementResult> results = new ArrayList<>();
                try {
                    for (Action a : p.step().forward()) {
                        results.addAll(byAction.getOrDefault(a.id(), List.of()));
                    }
                } catch (IllegalArgumentException e) {
                    problems.add(p.step().id() + ": " + e.getMessage());
                }
                out.put(p.step().id(), results);
            }
            return new StepAnalysis(out, problems);
        }
        StringBuilder source = new StringBuilder();
        List<String> owners = new ArrayList<>();
        for (Plan.Placed p : plan.steps()) {
            String sql = p.step() instanceof RawSql r && r.sql() != null ? r.sql() : "";
            source.append(sql.strip()).append(sql.strip().endsWith(";") ? "\n" : ";\n");
            int n = Splitter.split(sql, new ArrayList<>()).size();
            for (int i = 0; i < n; i++) {
                owners.add(p.step().id());
            }
        }
        FileAnalysis fa = new Analyzer(version, Rules.ALL, null).withThroughput(throughput)
                .analyze(name, source.toString(), schema);
        List<StatementResult> results = fa.statements();
        for (int i = 0; i < results.size() && i < owners.size(); i++) {
            out.computeIfAbsent(owners.get(i), k -> new ArrayList<>()).add(results.get(i));
        }
        fa.problems().forEach(p -> problems.add("line " + p.line() + ": " + p.message()));
        return new StepAnalysis(out, problems);
    }
}
