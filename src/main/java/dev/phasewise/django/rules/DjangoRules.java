package dev.phasewise.django.rules;

import dev.phasewise.analysis.rules.RuleMeta;

import java.util.List;
import java.util.Optional;

/**
 * Every Django rule, in id order: the checks of {@code django lint} that the SQL rules cannot make. They
 * live apart from {@code Rules.ALL} because they need what Django knows (the analysis layer knows only
 * SQL); {@code phasewise rules}, the rule pages and SARIF list both.
 */
public final class DjangoRules {
    public static final List<DjangoRule> ALL = List.of(
            new RunPythonImportsModels(),
            new RunPythonWithoutReverse(),
            new ConcurrentlyInAtomicMigration(),
            new RequireAddIndexConcurrently(),
            new DataMigrationWithSchemaChange(),
            new ModelsWithoutMigration());

    private DjangoRules() {
    }

    public static List<RuleMeta> metas() {
        return ALL.stream().map(DjangoRule::meta).toList();
    }

    /** A Django rule by id (PW401) or name (runpython-imports-models). */
    public static Optional<RuleMeta> find(String idOrName) {
        return metas().stream().filter(m -> m.isNamedBy(idOrName)).findFirst();
    }
}
