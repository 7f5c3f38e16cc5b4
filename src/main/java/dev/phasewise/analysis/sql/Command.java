package dev.phasewise.analysis.sql;

import dev.phasewise.analysis.pg.LockMode;

import java.util.List;

/** A statement, classified: what it does, to which objects, with which options. */
public sealed interface Command {

    /** BEGIN, START TRANSACTION, COMMIT, END, ROLLBACK, SAVEPOINT, RELEASE, ROLLBACK TO, PREPARE TRANSACTION... */
    record Transaction(String kind) implements Command { }

    /** SET, SET LOCAL, RESET, or {@code SELECT set_config(...)}. {@code value} null for RESET. */
    record SetVariable(String name, String value, boolean local) implements Command { }

    record CreateTable(QualifiedName name, boolean ifNotExists, boolean temporary, List<ColumnDef> columns,
                       List<TableConstraint> constraints, QualifiedName partitionOf, boolean defaultPartition,
                       List<QualifiedName> inherits, boolean partitioned, QueryRefs asQuery, QualifiedName like,
                       List<String> partitionKey)
            implements Command {
        /**
         * {@code partitionKey}: the columns of PARTITION BY when they are plain columns, empty when
         * the table is not partitioned or its key holds an expression.
         */
        public CreateTable {
            partitionKey = List.copyOf(partitionKey);
        }
    }

    /** ALTER TABLE/VIEW/MATERIALIZED VIEW/INDEX/SEQUENCE/FOREIGN TABLE with its sub-commands. */
    record AlterTable(QualifiedName table, String objectKind, boolean only, boolean ifExists,
                      List<AlterAction> actions) implements Command { }

    /**
     * @param plain a b-tree on plain columns with nothing else in its definition (no operator class, order,
     *              INCLUDE, WITH, NULLS NOT DISTINCT, TABLESPACE or WHERE): rebuilt from its columns alone
     */
    record CreateIndex(String name, QualifiedName table, boolean only, boolean unique, boolean concurrently,
                       boolean ifNotExists, List<String> columns, Expr where, String method, boolean plain)
            implements Command { }

    record DropIndex(List<QualifiedName> names, boolean concurrently, boolean ifExists, boolean cascade)
            implements Command { }

    /** REINDEX INDEX|TABLE|SCHEMA|DATABASE|SYSTEM [CONCURRENTLY] name. */
    record Reindex(String target, QualifiedName name, boolean concurrently) implements Command { }

    /** DROP TABLE/VIEW/MATERIALIZED VIEW/FOREIGN TABLE/SEQUENCE. */
    record DropRelation(String objectKind, List<QualifiedName> names, boolean ifExists, boolean cascade)
            implements Command { }

    record CreateView(QualifiedName name, boolean orReplace, boolean materialized, QueryRefs query,
                      boolean withData, boolean ifNotExists) implements Command { }

    record RefreshMaterializedView(QualifiedName name, boolean concurrently, boolean withData) implements Command { }

    /** CREATE TRIGGER/POLICY/RULE/STATISTICS on a table, or DROP of one: {@code objectKind} says which. */
    /**
     * CREATE / DROP TRIGGER, POLICY, RULE, STATISTICS on a table. {@code reads}: the relations a policy's
     * USING and WITH CHECK expressions name, which PostgreSQL parses (and locks) when it creates the policy.
     */
    record TableObject(String objectKind, boolean drop, String name, QualifiedName table, QueryRefs reads)
            implements Command {
        public TableObject(String objectKind, boolean drop, String name, QualifiedName table) {
            this(objectKind, drop, name, table, QueryRefs.NONE);
        }
    }

    record CreateExtension(String name, boolean ifNotExists) implements Command { }

    /** CREATE TYPE name AS ENUM | AS (...) | AS RANGE, or a shell/base type. */
    record CreateType(QualifiedName name, String form) implements Command { }

    record AlterTypeAddValue(QualifiedName type, String value, boolean ifNotExists, boolean positioned)
            implements Command { }

    /** {@code base}: the type the domain is over (a change of a column between the two is a relabelling). */
    record CreateDomain(QualifiedName name, TypeName base, boolean hasConstraint) implements Command { }

    record AlterDomain(QualifiedName name, boolean addsConstraint, boolean notValid) implements Command { }

    record Truncate(List<QualifiedName> tables, boolean cascade) implements Command { }

    /** CLUSTER [table [USING index]]; {@code table} null for a bare CLUSTER. */
    record Cluster(QualifiedName table, String index) implements Command { }

    record Vacuum(boolean full, boolean analyze, List<QualifiedName> tables) implements Command { }

    record Analyze(List<QualifiedName> tables) implements Command { }

    record Lock(List<QualifiedName> tables, LockMode mode, boolean only) implements Command { }

    /** COMMENT ON kind object; {@code table} is the table the object lives on, when it has one. */
    record Comment(String objectKind, QualifiedName table) implements Command { }

    record Grant(boolean revoke, List<QualifiedName> tables) implements Command { }

    record CreateSequence(QualifiedName name, QualifiedName ownedByTable) implements Command { }

    record AlterSequence(QualifiedName name, QualifiedName ownedByTable) implements Command { }

    record Update(QualifiedName table, String alias, boolean only, List<String> setColumns, QueryRefs reads,
                  Expr where) implements Command { }

    record Delete(QualifiedName table, String alias, boolean only, QueryRefs reads, Expr where) implements Command { }

    record Insert(QualifiedName table, List<String> columns, QueryRefs source, boolean onConflict)
            implements Command { }

    record Merge(QualifiedName target, String alias, QueryRefs source, Expr on) implements Command { }

    /** WITH queries (each a SELECT or a data-modifying statement) and the statement they serve. */
    record With(List<Command> queries, Command main) implements Command { }

    record Select(QueryRefs query) implements Command { }

    record Copy(QualifiedName table, boolean from, QueryRefs query) implements Command { }

    /** EXPLAIN [ANALYZE] of an inner statement; only ANALYZE executes it. */
    record Explain(Command inner, boolean analyze) implements Command { }

    /** CREATE [OR REPLACE] FUNCTION/PROCEDURE; volatility as declared ("volatile" by default). */
    /**
     * CREATE FUNCTION / PROCEDURE. {@code checkedBody}: the statements of a LANGUAGE sql body that
     * PostgreSQL parses and analyses when the routine is created (no polymorphic argument), as text;
     * null for other languages or bodies it does not analyse then.
     */
    record CreateRoutine(QualifiedName name, String volatility, String checkedBody) implements Command {
        public CreateRoutine(QualifiedName name, String volatility) {
            this(name, volatility, null);
        }
    }

    record DropDatabase(String name) implements Command { }

    /** Any other DROP (schema, type, function, extension, domain...), named by its object kind. */
    record DropObject(String objectKind, List<QualifiedName> names, boolean cascade) implements Command { }

    /** ALTER ... RENAME of something that is not a table (schema, type, function, enum value...). */
    record RenameObject(String objectKind, QualifiedName name) implements Command { }

    /**
     * A command that takes no lock on any table (CREATE SCHEMA, CREATE FUNCTION, LISTEN, ...).
     * {@code name} is its leading words.
     */
    record NoTableLocks(String name) implements Command { }

    /** A real PostgreSQL command whose locks Phasewise does not model (e.g. a DO block). */
    record Unanalysed(String name, String reason) implements Command { }

    /**
     * An EXECUTE inside a code block whose command text is computed when it runs ({@code format(...)}, a
     * concatenation, a variable): {@code what} says which.
     */
    record DynamicSql(String what) implements Command { }

    /** Not valid SQL: what is wrong, and where. */
    record Invalid(String message, int line, int column) implements Command { }
}
