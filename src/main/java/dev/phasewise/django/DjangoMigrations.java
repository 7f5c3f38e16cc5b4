package dev.phasewise.django;

import java.util.List;

/**
 * Every migration of a project in plan order (each after all it depends on), the Django that listed them and
 * the database it was pointed at; whether that Django has {@code AddIndexConcurrently}, and the models
 * changed with no migration, per app (what {@code makemigrations --check} would find).
 */
public record DjangoMigrations(String djangoVersion, String database, List<DjangoMigration> migrations,
                               boolean addIndexConcurrently, List<PendingChanges> pending) {
}
