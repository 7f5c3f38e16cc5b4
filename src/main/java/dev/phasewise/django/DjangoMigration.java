package dev.phasewise.django;

import java.nio.file.Path;
import java.util.List;

/**
 * One migration of a Django project, as its own Django sees it: its app and name, its {@code .py}
 * file, whether it runs in one transaction, the SQL {@code sqlmigrate} prints for it, and whether the
 * database has applied it (null when no database was asked), and where each of its operations is
 * in the {@code .py} file and in the SQL; {@code sqlError} says why its SQL could not be collected (Django
 * asked a database it could not reach), null when it was.
 */
public record DjangoMigration(String app, String name, Path file, boolean atomic, Boolean applied, String sql,
                              List<Operation> operations, String sqlError) {

    /** A migration whose SQL was collected. */
    public DjangoMigration(String app, String name, Path file, boolean atomic, Boolean applied, String sql,
                           List<Operation> operations) {
        this(app, name, file, atomic, applied, sql, operations, null);
    }

    /** One operation: the SQL line where its part begins (Django's {@code -- description} comment), and its place in the .py file. */
    public record Operation(int sqlLine, int line, int column) {
    }

    /** {@code app.name}, as Django's messages write a migration. */
    public String label() {
        return app + "." + name;
    }
}
