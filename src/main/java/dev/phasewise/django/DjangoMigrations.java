package dev.phasewise.django;

import java.util.List;
import java.util.function.Predicate;

/**
 * Every migration of a project in plan order (each after all it depends on), the Django that listed them and
 * the database it was pointed at; whether that Django has {@code AddIndexConcurrently}, and the models
 * changed with no migration, per app (what {@code makemigrations --check} would find).
 */
public record DjangoMigrations(String djangoVersion, String database, List<DjangoMigration> migrations,
                               boolean addIndexConcurrently, List<PendingChanges> pending) {

    /**
     * Why the SQL of a migration that is needed could not be collected: one of {@code needed}, or one
     * before the last of them (its SQL is schema for the later ones). Null when every such SQL is there.
     */
    public String sqlErrorUpTo(Predicate<DjangoMigration> needed) {
        int last = -1;
        for (int i = 0; i < migrations.size(); i++) {
            if (needed.test(migrations.get(i))) {
                last = i;
            }
        }
        for (int i = 0; i <= last; i++) {
            if (migrations.get(i).sqlError() != null) {
                return migrations.get(i).sqlError();
            }
        }
        return null;
    }
}
