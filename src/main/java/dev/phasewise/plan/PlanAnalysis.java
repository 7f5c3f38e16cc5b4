package dev.phasewise.plan;

import dev.phasewise.analysis.Analyzer;
import dev.phasewise.analysis.FileAnalysis;
import dev.phasewise.analysis.StatementResult;
import dev.phasewise.analysis.cost.Throughput;
import dev.phasewise.analysis.parse.Splitter;
import dev.phasewise.analysis.pg.PgVersion;
import dev.phasewise.analysis.rules.Rules;
import dev.phasewise.analysis.rules.StatementUnits;
import dev.phasewise.analysis.schema.SchemaModel;
import dev.phasewise.plan.sql.Action;
import dev.phasewise.plan.sql.Sql;
import dev.phasewise.plan.steps.RawSql;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The lock analysis of a plan's generated SQL, action by action, in run order (so that a column
 * the expand phase adds exists when the contract phase constrains it). Actions run as the runner
 * runs them: each in its own transaction, after {@code SET lock_timeout} from the plan.
 */
public final class PlanAnalysis {
    private PlanAnalysis() {
    }

    /** Results per action id; an action of several statements maps to all of them. */
    public static Map<String, List<StatementResult>> analyze(Plan plan, SchemaModel schema, PgVersion version) {
        return analyze(plan, schema, version, null);
    }

    /** With a measured throughput, each result also estimates how long its lock is held. */
    public static Map<String, List<StatementResult>> analyze(Plan plan, SchemaModel schema, PgVersion version,
                                                             Throughput throughput) {
        StringBuilder script = new StringBuilder();
        script.append("SET lock_timeout = ").append(Sql.literal(plan.lockTimeout())).append(";\n");
        if (!"0".equals(plan.statementTimeout())) {
            script.append("SET statement_timeout = ").append(Sql.literal(plan.statementTimeout())).append(";\n");
        }
        List<String> owners = new ArrayList<>();
        List<String> units = new ArrayList<>();
        owners.add(null);
        units.add(null);
        if (!"0".equals(plan.statementTimeout())) {
            owners.add(null);
            units.add(null);
        }
        for (Plan.Placed placed : plan.steps()) {
            // a step's own timeouts are set before its actions and the plan's restored after, as the runner does
            boolean own = placed.step().lockTimeout() != null || placed.step().statementTimeout() != null;
            if (own) {
                setTimeouts(script, owners, units, plan.lockTimeoutFor(placed.step()), plan.statementTimeoutFor(placed.step()));
            }
            for (Action a : placed.step().forward()) {
                String sql = a.sql();
                script.append(sql).append(sql.stripTrailing().endsWith(";") ? "\n" : ";\n");
                int statements = Splitter.split(sql, new ArrayList<>()).size();
                for (int i = 0; i < statements; i++) {
                    owners.add(a.id());
                    // raw SQL was written as one piece (each statement its own action): merging is the author's
                    // choice there; a generated step's actions are apart on purpose
                    units.add(placed.step() instanceof RawSql
                            ? "step " + placed.step().id() : "action " + a.id());
                }
            }
            if (own) {
                setTimeouts(script, owners, units, plan.lockTimeout(), plan.statementTimeout());
            }
        }
        FileAnalysis analysis = new Analyzer(version, Rules.ALL, false)
                .withThroughput(throughput).withUnits(new ActionUnits(units))
                .analyze(plan.name(), script.toString(), schema);
        Map<String, List<StatementResult>> out = new LinkedHashMap<>();
        List<StatementResult> results = analysis.statements();
        for (int i = 0; i < results.size() && i < owners.size(); i++) {
            if (owners.get(i) != null) {
                out.computeIfAbsent(owners.get(i), k -> new ArrayList<>()).add(results.get(i));
            }
        }
        return out;
    }

    private static void setTimeouts(StringBuilder script, List<String> owners, List<String> units, String lock,
                                    String statement) {
        script.append("SET lock_timeout = ").append(Sql.literal(lock)).append(";\n");
        script.append("SET statement_timeout = ").append(Sql.literal(statement)).append(";\n");
        owners.add(null);
        owners.add(null);
        units.add(null);
        units.add(null);
    }

    /**
     * Each action of a generated step is a unit of its own: the runner runs it in its own transaction on
     * purpose, so statements of different actions or steps are never advised to be merged. A raw-sql step is
     * one unit, as its author wrote it. A statement is named by its place in its unit.
     */
    private record ActionUnits(List<String> units) implements StatementUnits {
        @Override
        public String unitOf(int statementIndex) {
            String unit = unit(statementIndex);
            return unit == null ? "set " + statementIndex : unit;
        }

        @Override
        public String name(int statementIndex) {
            String unit = unit(statementIndex);
            if (unit == null) {
                return "a SET of the plan";
            }
            int position = 0;
            for (int i = 1; i <= statementIndex; i++) {
                if (unit.equals(unit(i))) {
                    position++;
                }
            }
            return "statement " + position + " of " + unit;
        }

        private String unit(int statementIndex) {
            return statementIndex >= 1 && statementIndex <= units.size() ? units.get(statementIndex - 1) : null;
        }
    }
}
