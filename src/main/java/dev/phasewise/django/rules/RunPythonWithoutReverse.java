package dev.phasewise.django.rules;

import dev.phasewise.analysis.rules.Finding;
import dev.phasewise.analysis.rules.RuleMeta;
import dev.phasewise.analysis.rules.Severity;
import dev.phasewise.django.OperationFacts;

import java.util.List;

/** PW402: a RunPython without reverse_code makes its migration impossible to unapply. */
public final class RunPythonWithoutReverse implements DjangoRule {
    public static final RuleMeta META = new RuleMeta("PW402", "runpython-without-reverse", Severity.WARNING,
            "RunPython without reverse_code: the migration cannot be unapplied",
            "Without reverse_code Django raises IrreversibleError when the migration is unapplied: rolling back a "
                    + "failed deployment (manage.py migrate APP EARLIER_MIGRATION) stops at it, and so does the "
                    + "rollback of every later migration that has to pass it.",
            "Give reverse_code: a function that undoes the data change, or migrations.RunPython.noop when nothing "
                    + "needs undoing (the data the forward function wrote is harmless once the schema is rolled back).");

    @Override
    public RuleMeta meta() {
        return META;
    }

    @Override
    public void check(MigrationContext m, List<OperationFinding> out) {
        for (int i = 0; i < m.operationCount(); i++) {
            OperationFacts op = m.facts(i);
            if (op.is("RunPython") && op.reverseCode() == null) {
                out.add(new OperationFinding(i, new Finding(META, META.severity(), "RunPython " + op.code()
                        + " has no reverse_code: migration " + m.migration().label() + " cannot be unapplied "
                        + "(IrreversibleError), and a rollback past it stops here",
                        "migrations.RunPython(" + op.code() + ", migrations.RunPython.noop)  "
                                + "# or a function that undoes " + op.code())));
            }
        }
    }
}
