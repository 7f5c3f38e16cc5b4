package dev.phasewise.django;

import java.nio.file.Path;
import java.util.List;

/**
 * One migration of a Django project, as its own Django sees it: its app and name, its {@code .py}
 * file, whether it runs in one transaction, the SQL {@code sqlmigrate} prints for it, and whether the
 * database has applied it (null when no database was asked), and where each of its operations is
 * in the {@code .py} file and in the SQL; what Django knows of each operation ({@code facts}, one per
 * operation, for the Django rules); and {@code sqlError}, why its SQL could not be collected (Django
 * asked a database it could not reach), null when it was.
 */
public record DjangoMigration(String app, String name, Path file, boolean atomic, Boolean applied, String sql,
                              List<Operation> operations, List<OperationFacts> facts, String sqlError) {

    /** A migration whose SQL was collected. */
    public DjangoMigration(String app, String name, Path file, boolean atomic, Boolean applied, String sql,
                           List<Operation> operations, List<OperationFacts> facts) {
        this(app, name, file, atomic, applied, sql, operations, facts, null);
    }

    /** One operation: the SQL line where its part begins (Django's {@code -- description} comment), and its place in the .py file. */
    public record Operation(int sqlLine, int line, int column) {
    }

    /** What Django knows of operation {@code i}; unknown facts when the helper gave none. */
    public OperationFacts facts(int i) {
        return i < facts.size() ? facts.get(i) : OperationFacts.unknown();
    }

    /** {@code app.name}, as Django's messages write a migration. */
    public String label() {
        return app + "." + name;
    }
}
