package dev.phasewise.django.rules;

import dev.phasewise.analysis.rules.RuleMeta;
import dev.phasewise.django.PendingChanges;

import java.util.List;

/**
 * A check on what Django knows of a migration and its SQL does not show (a RunPython's imports, its
 * reverse function, the Migration's {@code atomic}, Django's own operations), or on the models that
 * have no migration. Stateless, like the SQL rules; findings go to the operation that caused them.
 */
public interface DjangoRule {
    RuleMeta meta();

    /** Inspects one migration (its facts and its SQL's analysis), adding findings to {@code out}. */
    default void check(MigrationContext m, List<OperationFinding> out) {
    }

    /** Inspects one app's models changed without a migration; null when this rule has nothing to say. */
    default OperationFinding check(PendingChanges changes) {
        return null;
    }
}
