package dev.phasewise.django.rules;

import dev.phasewise.analysis.StatementResult;
import dev.phasewise.analysis.rules.ConcurrentlyInTransaction;
import dev.phasewise.analysis.rules.Finding;
import dev.phasewise.analysis.rules.RuleMeta;
import dev.phasewise.analysis.rules.Severity;

import java.util.List;

/**
 * PW403: a RunSQL whose SQL PostgreSQL refuses in a transaction block (CREATE INDEX CONCURRENTLY...) in a
 * migration Django runs in one; the same for AddIndexConcurrently / RemoveIndexConcurrently, whose SQL is
 * that too. Which statements those are is the SQL analysis's judgement (PW103 on the operation's
 * statements inside the BEGIN sqlmigrate prints); this rule says it in Django's words, where to write
 * {@code atomic = False}, and replaces PW103 there, so the problem is reported once at that line.
 */
public final class ConcurrentlyInAtomicMigration implements DjangoRule {
    public static final RuleMeta META = new RuleMeta("PW403", "concurrently-in-atomic-migration", Severity.ERROR,
            "RunSQL (or AddIndexConcurrently) that cannot run in a transaction in an atomic migration",
            "Django runs a migration in one transaction unless its Migration class says atomic = False. CREATE INDEX "
                    + "CONCURRENTLY, DROP INDEX CONCURRENTLY, REINDEX CONCURRENTLY and DETACH PARTITION CONCURRENTLY "
                    + "cannot run inside a transaction block: PostgreSQL rejects the RunSQL (or the SQL of "
                    + "AddIndexConcurrently, RemoveIndexConcurrently) and the migration fails.",
            "Put the operation in a migration of its own with atomic = False on the Migration class, and make a "
                    + "RunSQL re-runnable (IF NOT EXISTS / IF EXISTS): without the transaction, a failure midway is not "
                    + "rolled back.");

    @Override
    public RuleMeta meta() {
        return META;
    }

    @Override
    public void check(MigrationContext m, List<OperationFinding> out) {
        if (!m.migration().atomic()) {
            return;
        }
        for (int i = 0; i < m.operationCount(); i++) {
            String type = m.facts(i).type();
            if (type.isEmpty()) {
                continue;  // no facts from the helper: PW103 stays
            }
            for (StatementResult s : m.statementsOf(i)) {
                for (Finding f : s.findings()) {
                    if (f.rule().id().equals(ConcurrentlyInTransaction.META.id())) {
                        String what = f.message().contains(" cannot run")
                                ? f.message().substring(0, f.message().indexOf(" cannot run")) : "This statement";
                        out.add(new OperationFinding(i, new Finding(META, META.severity(), type + " runs " + what
                                + ", which PostgreSQL refuses inside a transaction block, and migration "
                                + m.migration().label() + " is atomic (Django runs it in one): the migration fails",
                                "class Migration(migrations.Migration):\n    atomic = False  # this " + type
                                        + " in a migration of its own\n    ..."), ConcurrentlyInTransaction.META.id()));
                        break;
                    }
                }
            }
        }
    }
}
