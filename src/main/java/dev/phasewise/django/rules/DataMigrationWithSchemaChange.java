package dev.phasewise.django.rules;

import dev.phasewise.analysis.StatementResult;
import dev.phasewise.analysis.cost.TableEffect;
import dev.phasewise.analysis.rules.Finding;
import dev.phasewise.analysis.rules.RuleMeta;
import dev.phasewise.analysis.rules.Severity;

import java.util.List;

/**
 * PW405: a RunPython after schema operations that locked an existing table, in one atomic migration: the
 * locks are held until COMMIT, through the whole data migration. The locks are the SQL analysis's (the
 * statements of the earlier operations, their tables that existed before); a RunPython has no SQL, so no
 * SQL rule can see it.
 */
public final class DataMigrationWithSchemaChange implements DjangoRule {
    public static final RuleMeta META = new RuleMeta("PW405", "data-migration-with-schema-change", Severity.ERROR,
            "RunPython after schema changes to an existing table in one atomic migration",
            "An atomic migration is one transaction: the locks its schema operations take on an existing table "
                    + "(ACCESS EXCLUSIVE for AddField, AlterField, RemoveField; SHARE for AddIndex) are held until "
                    + "COMMIT, and a RunPython after them runs inside it. The table stays blocked for the whole data "
                    + "migration, which takes longer the more rows it has.",
            "Split it: the schema change in one migration, the RunPython in the next (a data migration of its own), "
                    + "so the schema locks are released at the first COMMIT; or set atomic = False on the Migration "
                    + "class when each operation may commit on its own.");

    @Override
    public RuleMeta meta() {
        return META;
    }

    @Override
    public void check(MigrationContext m, List<OperationFinding> out) {
        if (!m.migration().atomic()) {
            return;
        }
        for (int run = 0; run < m.operationCount(); run++) {
            if (!m.facts(run).is("RunPython") || "noop".equals(m.facts(run).code())) {
                continue; // RunPython.noop forwards (Django's own contenttypes 0002 has one): no data migration to wait on
            }
            String held = heldLock(m, run);
            if (held != null) {
                out.add(new OperationFinding(run, new Finding(META, META.severity(), "RunPython " + m.facts(run).code()
                        + " runs while " + held + " is held: migration " + m.migration().label() + " is atomic, so "
                        + "that lock lasts until COMMIT, through the whole data migration",
                        "# " + m.migration().name() + ".py: the schema operations only\n"
                                + "# next migration (dependencies = [(\"" + m.migration().app() + "\", \""
                                + m.migration().name() + "\")]):\n"
                                + "operations = [migrations.RunPython(" + m.facts(run).code() + ", ...)]")));
            }
        }
    }

    /** The first lock an earlier operation took that blocks writes to an existing table, described; null if none. */
    private static String heldLock(MigrationContext m, int run) {
        for (int i = 0; i < run; i++) {
            if (m.facts(i).is("RunPython")) {
                continue;
            }
            for (StatementResult s : m.statementsOf(i)) {
                for (TableEffect t : s.tables()) {
                    if (t.preexisting() && t.lock().blocksWrites()) {
                        return "the " + t.lock().pgName() + " that " + m.facts(i).type() + " (" + m.where(i)
                                + ") took on " + t.name() + " (" + (t.lock().blocksReads() ? "reads and writes wait"
                                : "writes wait") + ")";
                    }
                }
            }
        }
        return null;
    }
}
