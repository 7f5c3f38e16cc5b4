package dev.phasewise.django.rules;

import dev.phasewise.analysis.StatementResult;
import dev.phasewise.analysis.rules.Finding;
import dev.phasewise.analysis.rules.RuleMeta;
import dev.phasewise.analysis.rules.Severity;
import dev.phasewise.django.OperationFacts;

import java.util.List;
import java.util.Locale;

/**
 * PW404: AddIndex (or index_together) that builds an index on a table that existed before the migration,
 * where the project's Django has AddIndexConcurrently. A table the same migration creates is empty: no
 * finding there. The SQL rule PW101 still reports the CREATE INDEX itself, with its lock and SQL fix;
 * this one says what to write in the migration instead.
 */
public final class RequireAddIndexConcurrently implements DjangoRule {
    public static final RuleMeta META = new RuleMeta("PW404", "require-add-index-concurrently", Severity.ERROR,
            "AddIndex on an existing table where AddIndexConcurrently exists",
            "AddIndex (and index_together) is CREATE INDEX, which holds a SHARE lock on the table for the whole "
                    + "build: every INSERT, UPDATE and DELETE waits until the index is built, on a large table for "
                    + "minutes. Django 3.0 and later have django.contrib.postgres.operations.AddIndexConcurrently, "
                    + "which builds it with CREATE INDEX CONCURRENTLY while writes continue. A table the same "
                    + "migration creates is empty: AddIndex is fine there.",
            "Use AddIndexConcurrently(model_name, index) in a migration with atomic = False on the Migration class "
                    + "(CONCURRENTLY cannot run in a transaction); an index_together entry becomes an index in "
                    + "Meta.indexes, added the same way.");

    @Override
    public RuleMeta meta() {
        return META;
    }

    @Override
    public void check(MigrationContext m, List<OperationFinding> out) {
        if (!m.addIndexConcurrently()) {
            return;  // before Django 3.0 there is no such operation to suggest; PW101 still reports the CREATE INDEX
        }
        for (int i = 0; i < m.operationCount(); i++) {
            OperationFacts op = m.facts(i);
            if (!(op.is("AddIndex") || op.is("AlterIndexTogether")) || !op.existed() || !buildsAnIndex(m, i)) {
                continue;
            }
            String index = op.indexes().isEmpty() ? "an index" : "index " + String.join(", ", op.indexes());
            out.add(new OperationFinding(i, new Finding(META, META.severity(), op.type() + " builds " + index
                    + " on " + op.table() + ", which exists before this migration, under a SHARE lock: writes to it "
                    + "wait for the whole build; Django " + "has AddIndexConcurrently for this", fix(op))));
        }
    }

    /** The operation's SQL creates an index (an index_together that only drops entries does not). */
    private static boolean buildsAnIndex(MigrationContext m, int op) {
        for (StatementResult s : m.statementsOf(op)) {
            if (s.sql().strip().toUpperCase(Locale.ROOT).matches("(?s)CREATE\\s+(UNIQUE\\s+)?INDEX\\b.*")) {
                return true;
            }
        }
        return false;
    }

    private static String fix(OperationFacts op) {
        return "from django.contrib.postgres.operations import AddIndexConcurrently\n\n"
                + "class Migration(migrations.Migration):\n"
                + "    atomic = False\n"
                + "    operations = [\n"
                + "        AddIndexConcurrently(model_name=\"" + op.model() + "\", index=models.Index(...)),\n"
                + "    ]";
    }
}
