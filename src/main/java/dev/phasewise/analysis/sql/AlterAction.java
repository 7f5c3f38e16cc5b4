package dev.phasewise.analysis.sql;

import java.util.List;

/** One sub-command of ALTER TABLE (several may share one statement, separated by commas). */
public sealed interface AlterAction {

    record AddColumn(ColumnDef column, boolean ifNotExists) implements AlterAction { }

    record DropColumn(String column, boolean ifExists, boolean cascade) implements AlterAction { }

    record AlterColumnType(String column, TypeName type, Expr using, String collation) implements AlterAction { }

    record SetDefault(String column, Expr value) implements AlterAction { }

    record DropDefault(String column) implements AlterAction { }

    record SetNotNull(String column) implements AlterAction { }

    record DropNotNull(String column) implements AlterAction { }

    record AddConstraint(TableConstraint constraint) implements AlterAction { }

    record ValidateConstraint(String name) implements AlterAction { }

    record DropConstraint(String name, boolean ifExists, boolean cascade) implements AlterAction { }

    record RenameColumn(String from, String to) implements AlterAction { }

    record RenameTo(String newName) implements AlterAction { }

    record RenameConstraint(String from, String to) implements AlterAction { }

    record SetSchema(String schema) implements AlterAction { }

    record AttachPartition(QualifiedName partition, Expr bound) implements AlterAction { }

    record DetachPartition(QualifiedName partition, boolean concurrently, boolean finalizeDetach) implements AlterAction { }

    /** SET/RESET ( storage_parameter [= value] [, ...] ); {@code parameters} are lower-cased names. */
    record StorageParameters(List<String> parameters) implements AlterAction { }

    /** ADD GENERATED ... AS IDENTITY, SET GENERATED, RESTART, DROP IDENTITY on a column. */
    record Identity(String column, String change) implements AlterAction { }

    /** SET EXPRESSION AS (...) (PostgreSQL 17+) or DROP EXPRESSION on a generated column. */
    record GenerationExpression(String column, boolean drop) implements AlterAction { }

    /**
     * Any other sub-command, named by its leading words (e.g. "set tablespace", "enable trigger",
     * "alter column set statistics", "owner to"); the lock analysis decides by this name.
     */
    record Other(String name, String column) implements AlterAction { }
}
