package dev.phasewise.convert;

import dev.phasewise.analysis.parse.SourceProblem;
import dev.phasewise.plan.Plan;

import java.util.List;

/**
 * The result of converting one migration file: the phased plan (null when the input has errors),
 * the account of every statement, and the input's problems.
 */
public record Conversion(Plan plan, List<AccountEntry> account, List<SourceProblem> problems) {
    public Conversion {
        account = List.copyOf(account);
        problems = List.copyOf(problems);
    }

    public boolean hasInputErrors() {
        return problems.stream().anyMatch(SourceProblem::error);
    }

    /** Statements that stay risky in the plan: kept as written because no rewrite applies. */
    public List<AccountEntry> stillRisky() {
        return account.stream().filter(e -> e.outcome() == Outcome.KEPT_RISKY).toList();
    }
}
