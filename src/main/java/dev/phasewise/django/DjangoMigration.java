package dev.phasewise.django;

import java.nio.file.Path;

/**
 * One migration of a Django project, as its own Django sees it: its app and name, its {@code .py}
 * file, whether it runs in one transaction, the SQL {@code sqlmigrate} prints for it, and whether the
 * database has applied it (null when no database was asked).
 */
public record DjangoMigration(String app, String name, Path file, boolean atomic, Boolean applied, String sql) {
    /** {@code app.name}, as Django's messages write a migration. */
    public String label() {
        return app + "." + name;
    }
}
