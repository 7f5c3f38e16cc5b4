package dev.phasewise.analysis;

import dev.phasewise.analysis.pg.LockMode;
import dev.phasewise.analysis.pg.PgVersion;
import dev.phasewise.analysis.schema.Column;
import dev.phasewise.analysis.schema.Constraint;
import dev.phasewise.analysis.schema.Index;
import dev.phasewise.analysis.schema.PartitionBoundProof;
import dev.phasewise.analysis.schema.NotNullProof;
import dev.phasewise.analysis.schema.Relation;
import dev.phasewise.analysis.schema.RelationKind;
import dev.phasewise.analysis.schema.SchemaModel;
import dev.phasewise.analysis.schema.Volatility;
import dev.phasewise.analysis.sql.AlterAction;
import dev.phasewise.analysis.sql.ColumnDef;
import dev.phasewise.analysis.sql.Command;
import dev.phasewise.analysis.sql.ConstraintKind;
import dev.phasewise.analysis.sql.QualifiedName;
import dev.phasewise.analysis.sql.TableConstraint;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static dev.phasewise.analysis.pg.LockMode.ACCESS_EXCLUSIVE;
import static dev.phasewise.analysis.pg.LockMode.ACCESS_SHARE;
import static dev.phasewise.analysis.pg.LockMode.ROW_SHARE;
import static dev.phasewise.analysis.pg.LockMode.SHARE_ROW_EXCLUSIVE;
import static dev.phasewise.analysis.pg.LockMode.SHARE_UPDATE_EXCLUSIVE;

/**
 * Locks, rewrites and scans of ALTER TABLE and its relatives, sub-command by sub-command; a
 * statement with several sub-commands takes the strongest of their locks
 * (PostgreSQL's AlterTableGetLockLevel), and recurses to partitions and inheritance children
 * unless ONLY is given.
 */
final class AlterTableLocks {
    /** Storage parameters that need ACCESS EXCLUSIVE; all others take SHARE UPDATE EXCLUSIVE. */
    private static final Set<String> EXCLUSIVE_PARAMETERS = Set.of("user_catalog_table", "check_option",
            "security_barrier", "security_invoker");

    private final SchemaModel schema;
    private final PgVersion version;
    private final LockAnalyzer analyzer;
    /** The columns the ALTER TABLE being read adds without a default ({@link #newNullColumns}). */
    private Set<String> nullColumns = Set.of();

    AlterTableLocks(SchemaModel schema, PgVersion version, LockAnalyzer analyzer) {
        this.schema = schema;
        this.version = version;
        this.analyzer = analyzer;
    }

    void collect(Command.AlterTable a, Effects e) {
        switch (a.objectKind()) {
            case "index" -> alterIndex(a, e);
            case "sequence" -> {
                // sequences are not tables; nothing to report
            }
            default -> alterRelation(a, e);
        }
    }

    private void alterIndex(Command.AlterTable a, Effects e) {
        for (AlterAction action : a.actions()) {
            if (action instanceof AlterAction.Other o && o.name().equals("set tablespace")) {
                analyzer.tableOfIndex(a.table()).ifPresent(t -> e.lock(t, ACCESS_EXCLUSIVE));
            } else if (action instanceof AlterAction.AttachPartition) {
                analyzer.tableOfIndex(a.table()).ifPresent(t -> e.lock(t, SHARE_UPDATE_EXCLUSIVE));
            }
        }
    }

    private void alterRelation(Command.AlterTable a, Effects e) {
        Optional<Relation> found = schema.find(a.table());
        if (found.isEmpty() && a.ifExists() && schema.complete()) {
            return; // it does not exist: the server skips the statement (otherwise: assumed to exist, IfExists)
        }
        Relation table = found.orElseGet(() -> schema.resolve(a.table()));
        List<Relation> children = a.only() ? List.of() : schema.descendantsOf(table);
        nullColumns = newNullColumns(a);
        for (AlterAction action : a.actions()) {
            if (a.objectKind().equals("view")) {
                e.lock(table, ACCESS_EXCLUSIVE);
                continue;
            }
            action(table, action, e, false);
            if (recurses(action)) {
                for (Relation child : children) {
                    action(child, action, e, true);
                }
            }
        }
    }

    /**
     * Columns this statement adds without a default: they hold only NULLs, so a foreign key on them
     * that the same statement adds finds no row to look up in the referenced table.
     */
    private static Set<String> newNullColumns(Command.AlterTable a) {
        Set<String> out = new HashSet<>();
        for (AlterAction action : a.actions()) {
            if (action instanceof AlterAction.AddColumn add && add.column().generated() == null
                    && !add.column().type().serial()
                    && (add.column().defaultValue() == null || add.column().defaultValue().isNull())) {
                out.add(add.column().name());
            }
        }
        return out;
    }

    /** Sub-commands that apply to partitions and children too (renames and a few others do not). */
    private static boolean recurses(AlterAction action) {
        return !(action instanceof AlterAction.RenameTo || action instanceof AlterAction.SetSchema
                || action instanceof AlterAction.AttachPartition || action instanceof AlterAction.DetachPartition
                || action instanceof AlterAction.StorageParameters || action instanceof AlterAction.RenameConstraint
                || action instanceof AlterAction.Other o && (o.name().startsWith("set tablespace")
                || o.name().equals("owner to") || o.name().equals("set logged") || o.name().equals("set unlogged")
                || o.name().equals("replica identity") || o.name().equals("cluster on")
                || o.name().equals("set without cluster") || o.name().equals("inherit")
                || o.name().equals("no inherit")));
    }

    private void action(Relation t, AlterAction action, Effects e, boolean asChild) {
        if (action instanceof AlterAction.AddColumn add) {
            if (add.ifNotExists() && t.column(add.column().name()).isPresent()) {
                e.lock(t, ACCESS_EXCLUSIVE); // skipped with a notice: no default to write, no constraint to check
                if (!version.atLeast(13)) {
                    // before 13 the column's inline foreign key is still added, unvalidated as on a new
                    // column (observed on 12: SHARE ROW EXCLUSIVE on the referenced table, no scan)
                    add.column().constraints().stream().filter(k -> k.kind() == ConstraintKind.FOREIGN_KEY)
                            .forEach(k -> e.lock(schema.resolve(k.references().table()), SHARE_ROW_EXCLUSIVE));
                }
            } else {
                addColumn(t, add.column(), e);
            }
        } else if (action instanceof AlterAction.AlterColumnType change) {
            Column old = t.column(change.column()).orElse(null);
            boolean rewrite = TypeChange.requiresRewrite(schema, old == null ? null : old.type(), change.type(),
                    change.using(), change.column());
            boolean indexed = indexed(t, change.column());
            // a new collation rebuilds the column's indexes (their order changes) without rewriting the table
            boolean rebuild = indexed && (rewrite || change.collation() != null
                    || TypeChange.rebuildsIndexes(schema, old == null ? null : old.type(), change.type()))
                    // an index with an expression or a WHERE condition on the column is built again whatever the types
                    || schema.indexesOn(t).stream().anyMatch(i -> i.rebuiltByTypeChangeOf(change.column()));
            // a CHECK on the column is added again and checked again, unless it was NOT VALID (it stays so)
            boolean checked = t.constraints().stream().anyMatch(c -> c.kind() == ConstraintKind.CHECK && c.validated()
                    && c.check() != null && c.check().bareWords().contains(change.column()));
            e.add(t, ACCESS_EXCLUSIVE, rewrite, rewrite || rebuild || checked);
            foreignKeysOnColumn(t, change.column(), rewrite, e);
        } else if (action instanceof AlterAction.SetNotNull n) {
            e.add(t, ACCESS_EXCLUSIVE, false, setNotNullScans(t, n.column()));
        } else if (action instanceof AlterAction.AddConstraint c) {
            addConstraint(t, c.constraint(), e);
        } else if (action instanceof AlterAction.ValidateConstraint v) {
            e.add(t, SHARE_UPDATE_EXCLUSIVE, false, true);
            // the validation query joins the referenced table to the rows of this one: with none, it reads nothing
            t.constraint(v.name()).filter(c -> c.kind() == ConstraintKind.FOREIGN_KEY)
                    .ifPresent(fk -> e.add(schema.resolve(fk.references().table()), ROW_SHARE, false,
                            !t.knownEmpty() && !(!fk.columns().isEmpty()
                                    && fk.columns().stream().allMatch(t::holdsOnlyNulls))));
        } else if (action instanceof AlterAction.DropConstraint d) {
            e.lock(t, ACCESS_EXCLUSIVE);
            t.constraint(d.name()).filter(c -> c.kind() == ConstraintKind.FOREIGN_KEY)
                    .ifPresent(fk -> e.lock(schema.resolve(fk.references().table()), ACCESS_EXCLUSIVE));
        } else if (action instanceof AlterAction.AttachPartition p) {
            e.lock(t, SHARE_UPDATE_EXCLUSIVE);
            Relation part = schema.resolve(p.partition());
            e.add(part, ACCESS_EXCLUSIVE, false, PartitionBoundProof.partitionScans(t, part, p.bound()));
            schema.descendantsOf(part).forEach(x -> e.add(x, ACCESS_EXCLUSIVE, false, true));
            boolean isDefault = p.bound().tokens().size() == 1 && p.bound().tokens().get(0).isWord("default");
            if (!isDefault) {
                schema.defaultPartitionOf(t).ifPresent(d -> e.add(d, ACCESS_EXCLUSIVE, false,
                        PartitionBoundProof.defaultPartitionScans(t, d, p.bound())));
            }
        } else if (action instanceof AlterAction.DetachPartition p) {
            // FINALIZE completes an interrupted DETACH ... CONCURRENTLY: SHARE UPDATE EXCLUSIVE on the
            // partitioned table (as CONCURRENTLY), ACCESS EXCLUSIVE on the partition (tablecmds.c)
            LockMode mode = p.concurrently() || p.finalizeDetach() ? SHARE_UPDATE_EXCLUSIVE : ACCESS_EXCLUSIVE;
            e.lock(t, mode);
            Relation part = schema.resolve(p.partition());
            if (p.concurrently() || p.finalizeDetach()) {
                // Two transactions: the first takes SHARE UPDATE EXCLUSIVE on both tables; the second,
                // once every query that saw the partition has ended, takes SHARE UPDATE EXCLUSIVE on the
                // parent again and ACCESS EXCLUSIVE on the partition (PostgreSQL's docs, ALTER TABLE).
                // FINALIZE runs that second transaction of an interrupted one.
                e.lock(part, ACCESS_EXCLUSIVE);
            } else {
                // Before 14 a plain DETACH took only SHARE UPDATE EXCLUSIVE on the partition itself,
                // unless it was the default partition.
                e.lock(part, version.atLeast(14) || part.isDefaultPartition() ? mode : SHARE_UPDATE_EXCLUSIVE);
            }
            if (!p.concurrently()) {
                schema.defaultPartitionOf(t).filter(d -> !d.name().key().equals(p.partition().key()))
                        .ifPresent(d -> e.lock(d, ACCESS_EXCLUSIVE));
            }
        } else if (action instanceof AlterAction.StorageParameters s) {
            boolean exclusive = t.kind() == RelationKind.VIEW
                    || s.parameters().stream().anyMatch(EXCLUSIVE_PARAMETERS::contains);
            e.lock(t, exclusive ? ACCESS_EXCLUSIVE : SHARE_UPDATE_EXCLUSIVE);
        } else if (action instanceof AlterAction.GenerationExpression g) {
            e.add(t, ACCESS_EXCLUSIVE, !g.drop(), !g.drop());
        } else if (action instanceof AlterAction.Other o) {
            other(t, o, e);
        } else if (action instanceof AlterAction.DropColumn d) {
            // a foreign key on the column goes with it, and dropping a foreign key locks both of its tables
            e.lock(t, ACCESS_EXCLUSIVE);
            foreignKeysOnColumn(t, d.column(), false, e);
        } else {
            // SET/DROP DEFAULT, DROP NOT NULL, renames, SET SCHEMA, identity changes
            e.lock(t, ACCESS_EXCLUSIVE);
        }
    }

    private void other(Relation t, AlterAction.Other o, Effects e) {
        switch (o.name()) {
            case "set tablespace", "set logged", "set unlogged", "set access method" ->
                    e.add(t, ACCESS_EXCLUSIVE, true, true);
            case "alter column set statistics", "alter column set options", "cluster on", "set without cluster" ->
                    e.lock(t, SHARE_UPDATE_EXCLUSIVE);
            case "enable trigger", "disable trigger" -> e.lock(t, SHARE_ROW_EXCLUSIVE);
            case "inherit", "no inherit" -> {
                e.lock(t, ACCESS_EXCLUSIVE);
                if (o.column() != null) {
                    e.lock(schema.resolve(parse(o.column())),
                            o.name().equals("inherit") ? SHARE_UPDATE_EXCLUSIVE : ACCESS_SHARE);
                }
            }
            default -> e.lock(t, ACCESS_EXCLUSIVE);
        }
    }

    private void addColumn(Relation t, ColumnDef c, Effects e) {
        boolean rewrite = addColumnRewrites(c);
        boolean scan = rewrite;
        LockMode mode = ACCESS_EXCLUSIVE;
        for (TableConstraint k : c.constraints()) {
            switch (k.kind()) {
                case CHECK, UNIQUE, PRIMARY_KEY, EXCLUDE -> scan = true;
                case FOREIGN_KEY -> {
                    // a new column without a default holds only NULLs: nothing to validate
                    e.lock(schema.resolve(k.references().table()), SHARE_ROW_EXCLUSIVE);
                    scan |= !k.notValid() && c.defaultValue() != null && !c.defaultValue().isNull();
                }
                default -> { }
            }
        }
        if (c.notNull() && c.defaultValue() == null && c.generated() == null) {
            scan = true;
        }
        e.add(t, mode, rewrite, scan);
    }

    /** Since PostgreSQL 11 only a volatile default (serial, identity, stored generated included) rewrites. */
    private boolean addColumnRewrites(ColumnDef c) {
        if (c.type().serial() || "identity".equals(c.generated()) || "stored".equals(c.generated())) {
            return true;
        }
        if ("default".equals(c.generated())) {
            // GENERATED ALWAYS AS (expr) without STORED/VIRTUAL: virtual since 18, stored before
            return !version.atLeast(18);
        }
        if (schema.isConstrainedDomain(c.type().base())) {
            return true;
        }
        return c.defaultValue() != null && Volatility.isVolatile(c.defaultValue(), schema);
    }

    private void addConstraint(Relation t, TableConstraint c, Effects e) {
        switch (c.kind()) {
            case FOREIGN_KEY -> {
                // validation joins both tables (RI_Initial_Check): both are read in full
                e.add(t, SHARE_ROW_EXCLUSIVE, false, !c.notValid());
                Relation referenced = schema.resolve(c.references().table());
                // on columns that hold only NULLs (added by this statement, or by an earlier one with nothing
                // written since, or of a table this migration created and has not filled) no referenced row
                // is looked up (observed: the referenced table is not scanned)
                boolean onlyNulls = !c.columns().isEmpty() && c.columns().stream()
                        .allMatch(col -> nullColumns.contains(col) || t.holdsOnlyNulls(col));
                e.add(referenced, SHARE_ROW_EXCLUSIVE, false, !c.notValid() && !onlyNulls);
            }
            case CHECK, NOT_NULL -> e.add(t, ACCESS_EXCLUSIVE, false, !c.notValid()
                    && !(c.kind() == ConstraintKind.NOT_NULL && !setNotNullScans(t, c.columns().get(0))));
            case UNIQUE -> e.add(t, ACCESS_EXCLUSIVE, false, c.usingIndex() == null);
            case PRIMARY_KEY -> {
                List<String> columns = c.columns();
                if (c.usingIndex() != null) {
                    columns = schema.findIndex(new QualifiedName(t.name().schema(),
                            c.usingIndex())).map(Index::columns).orElse(List.of());
                }
                boolean notNullScan = columns.stream().anyMatch(col -> setNotNullScans(t, col));
                e.add(t, ACCESS_EXCLUSIVE, false, c.usingIndex() == null || notNullScan);
            }
            case EXCLUDE -> e.add(t, ACCESS_EXCLUSIVE, false, true);
            default -> e.lock(t, ACCESS_EXCLUSIVE);
        }
    }

    private boolean setNotNullScans(Relation t, String column) {
        return NotNullProof.setNotNullScans(t, column, version);
    }

    /**
     * A foreign key on the column (either side) is dropped and re-created around the type
     * change: the table at its other end is locked ACCESS EXCLUSIVE, and read again when the
     * key is re-validated after a rewrite.
     */
    private void foreignKeysOnColumn(Relation t, String column, boolean rewrite, Effects e) {
        for (Constraint fk : t.constraintsOfKind(ConstraintKind.FOREIGN_KEY)) {
            if (fk.columns().contains(column)) {
                Relation other = schema.resolve(fk.references().table());
                if (other != t) {
                    // the key is added again after the rewrite, and validated again only if it was valid
                    e.add(other, ACCESS_EXCLUSIVE, false, rewrite && fk.validated());
                }
            }
        }
        for (SchemaModel.ForeignKeyUse use : schema.foreignKeysReferencing(t)) {
            List<String> referenced = use.constraint().references().columns();
            if ((referenced.isEmpty() ? List.of("id") : referenced).contains(column) && use.table() != t) {
                e.add(use.table(), ACCESS_EXCLUSIVE, false, rewrite && use.constraint().validated());
            }
        }
    }

    private static QualifiedName parse(String key) {
        int dot = key.indexOf('.');
        return dot < 0 ? QualifiedName.of(key)
                : new QualifiedName(key.substring(0, dot), key.substring(dot + 1));
    }

    private boolean indexed(Relation t, String column) {
        return schema.indexesOn(t).stream().anyMatch(i -> i.columns().contains(column));
    }
}
