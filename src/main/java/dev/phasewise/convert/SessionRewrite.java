package dev.phasewise.convert;

import dev.phasewise.analysis.sql.Command;

import java.util.List;
import java.util.Locale;

/**
 * Transaction control and session settings are not carried into the plan: each step runs in its own
 * transaction (or none, for CONCURRENTLY), with the plan's lock_timeout and statement_timeout.
 */
final class SessionRewrite implements Rewrite {

    @Override
    public boolean convert(Unit unit, PlanAssembly plan) {
        Became became = new Became(plan, unit);
        if (unit.command() instanceof Command.Transaction t) {
            became.account(Outcome.LEFT_OUT, t.kind().toUpperCase(Locale.ROOT) + " is left out: the plan runs each "
                    + "step in its own short transaction, so that no lock is held across steps.");
            return true;
        }
        if (unit.command() instanceof Command.SetVariable s) {
            String name = s.name().toLowerCase(Locale.ROOT);
            if (List.of("lock_timeout", "statement_timeout", "idle_in_transaction_session_timeout").contains(name)) {
                became.account(Outcome.LEFT_OUT, "SET " + name + " is left out: every step runs with the plan's "
                        + "lock_timeout and statement_timeout (see the plan's header).");
                return true;
            }
            became.account(Outcome.LEFT_OUT, "SET " + name + " is left out: the plan's steps do not share a session, "
                    + "so a setting would not reach the statements after it. Qualify names instead of relying on it.");
            return true;
        }
        return false;
    }
}
