package dev.phasewise.run;

import dev.phasewise.plan.sql.Action;
import dev.phasewise.plan.sql.Check;
import dev.phasewise.plan.Gate;
import dev.phasewise.plan.Phase;
import dev.phasewise.plan.Plan;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The hash a run records to recognise its plan on resume: SHA-256 over what the run executes (each step's
 * id, its actions' ids, SQL and transactionality, its verification queries), the gates and the timeouts.
 * Comments, descriptions and formatting of the plan file do not count; any change to what would run does.
 */
public final class PlanFingerprint {
    private PlanFingerprint() {
    }

    public static String of(Plan plan) {
        StringBuilder b = new StringBuilder();
        b.append("lock_timeout=").append(plan.lockTimeout()).append('\n');
        b.append("statement_timeout=").append(plan.statementTimeout()).append('\n');
        for (Phase p : Phase.inOrder()) {
            b.append("phase ").append(p.label()).append('\n');
            for (var step : plan.phase(p).steps()) {
                b.append("step ").append(step.id()).append(' ').append(plan.lockTimeoutFor(step)).append(' ')
                        .append(plan.statementTimeoutFor(step)).append('\n');
                for (Action a : step.forward()) {
                    b.append("action ").append(a.id()).append(' ').append(a.transactional()).append('\n')
                            .append(a.sql()).append('\n');
                }
                for (Check c : step.verify()) {
                    b.append("check ").append(c.sql()).append('\n');
                }
            }
            Gate g = plan.phase(p).gate();
            if (g != null) {
                b.append("gate ").append(g.name()).append('\n');
                g.checklist().forEach(i -> b.append("item ").append(i).append('\n'));
            }
        }
        try {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(d.digest(b.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
