package dev.phasewise.django.rules;

import dev.phasewise.analysis.rules.Finding;
import dev.phasewise.analysis.rules.RuleMeta;
import dev.phasewise.analysis.rules.Severity;
import dev.phasewise.django.PendingChanges;

/** PW406: an app's models changed with no migration for the change, what makemigrations --check would find. */
public final class ModelsWithoutMigration implements DjangoRule {
    public static final RuleMeta META = new RuleMeta("PW406", "models-without-migration", Severity.ERROR,
            "Models changed without a migration (makemigrations --check would fail)",
            "The models say something the migrations do not: the code deployed expects columns, tables or indexes "
                    + "that no migration creates, so its queries fail against the database (\"column does not "
                    + "exist\"), or the next makemigrations writes a migration that mixes this change with someone "
                    + "else's. makemigrations --check fails CI for the same reason.",
            "Run python manage.py makemigrations APP, review the migration it writes (and lint it), and commit it "
                    + "with the models change.");

    @Override
    public RuleMeta meta() {
        return META;
    }

    @Override
    public OperationFinding check(PendingChanges changes) {
        if (changes.app() == null || changes.operations().isEmpty()) {
            return null;
        }
        StringBuilder message = new StringBuilder("app ").append(changes.app())
                .append(" has model changes with no migration; makemigrations would write: ")
                .append(String.join("; ", changes.operations()));
        for (String q : changes.questions()) {
            message.append("; ").append(q);
        }
        return new OperationFinding(-1, new Finding(META, META.severity(), message.toString(),
                "python manage.py makemigrations " + changes.app() + "  # then review and lint the migration"));
    }
}
