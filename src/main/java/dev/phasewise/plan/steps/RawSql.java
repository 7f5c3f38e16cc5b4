package dev.phasewise.plan.steps;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonTypeName;
import dev.phasewise.analysis.parse.SourceProblem;
import dev.phasewise.analysis.parse.Splitter;
import dev.phasewise.analysis.parse.Statement;
import dev.phasewise.analysis.rules.ConcurrentlyInTransaction;
import dev.phasewise.analysis.sql.CommandParser;
import dev.phasewise.plan.sql.Action;
import dev.phasewise.plan.sql.Check;
import dev.phasewise.plan.sql.Rollback;

import java.util.ArrayList;
import java.util.List;

/**
 * SQL the step kinds do not cover. Each statement is one action; statements that cannot run in
 * a transaction block are marked so. A verification query, when given, must return true.
 */
@JsonTypeName("raw-sql")
public record RawSql(String id, String title, String sql,
                     @JsonProperty("rollback_sql") String rollbackSql,
                     @JsonProperty("verify_sql") String verifySql,
        @JsonProperty("lock_timeout") String lockTimeout,
        @JsonProperty("statement_timeout") String statementTimeout)
        implements Step {

    /** Without per-step timeouts (the plan's apply). */
    public RawSql(String id, String title, String sql, String rollbackSql, String verifySql) {
        this(id, title, sql, rollbackSql, verifySql, null, null);
    }

    public String id() {
        return Step.or(id, "raw-sql");
    }

    public String title() {
        return Step.or(title, firstLine(sql));
    }

    private static String firstLine(String s) {
        String one = s == null ? "" : s.strip().replaceAll("\\s+", " ");
        return one.length() > 80 ? one.substring(0, 77) + "..." : one;
    }

    private List<Action> actions(String text, String prefix) {
        List<Action> out = new ArrayList<>();
        int n = 0;
        for (Statement s : Splitter.split(text, new ArrayList<SourceProblem>())) {
            n++;
            out.add(new Action(id() + "/" + prefix + n, s.text(), ConcurrentlyInTransaction.nonTransactional(CommandParser.parse(s)) == null));
        }
        return out;
    }

    public List<Action> forward() {
        return actions(sql, "sql-");
    }

    public Rollback rollback() {
        if (rollbackSql == null || rollbackSql.isBlank()) {
            return Rollback.irreversible("the plan gives no rollback SQL for this step");
        }
        return new Rollback(actions(rollbackSql, "rollback-"), null);
    }

    public List<Check> verify() {
        return verifySql == null ? List.of() : List.of(new Check("custom verification", verifySql.strip()));
    }

    public List<String> problems() {
        List<SourceProblem> problems = new ArrayList<>();
        List<String> out = new ArrayList<>(new Require(kind()).present("sql", sql).done());
        if (sql != null) {
            Splitter.split(sql, problems);
            problems.stream().filter(SourceProblem::error).forEach(p -> out.add(kind() + ": line " + p.line() + ": "
                    + p.message()));
        }
        return out;
    }
}
