package dev.phasewise.analysis;

import dev.phasewise.analysis.pg.LockMode;
import dev.phasewise.analysis.schema.Constraint;
import dev.phasewise.analysis.schema.Index;
import dev.phasewise.analysis.schema.Relation;
import dev.phasewise.analysis.schema.SchemaModel;
import dev.phasewise.analysis.sql.Command;
import dev.phasewise.analysis.sql.ConstraintKind;
import dev.phasewise.analysis.sql.QualifiedName;
import dev.phasewise.analysis.sql.QueryRefs;
import dev.phasewise.analysis.sql.RelationRef;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static dev.phasewise.analysis.pg.LockMode.ROW_EXCLUSIVE;
import static dev.phasewise.analysis.pg.LockMode.ROW_SHARE;

/**
 * Locks of INSERT, UPDATE and DELETE, including those their foreign keys take: PostgreSQL's
 * referential-integrity triggers check a referenced row with {@code SELECT ... FOR KEY SHARE}
 * (ROW SHARE on the referenced table), and on delete or key update of a referenced row look
 * up, lock or change the referencing rows (a sequential scan when no index covers the key).
 */
final class DmlLocks {
    private final SchemaModel schema;
    private final LockAnalyzer analyzer;

    DmlLocks(SchemaModel schema, LockAnalyzer analyzer) {
        this.schema = schema;
        this.analyzer = analyzer;
    }

    void insert(Command.Insert i, Effects e, boolean executes) {
        Relation target = schema.resolve(i.table());
        e.lock(target, ROW_EXCLUSIVE);
        RelationRef driver = driver(i.source());
        if (driver != null && allKnownEmpty(i.source().refs())) {
            // every table it reads is empty: the first one yields no row, so nothing after it is read
            analyzer.reads(i.source(), e, false, LockMode.ACCESS_SHARE);
            analyzer.reads(new QueryRefs(List.of(driver), false, null, List.of()), e, executes, LockMode.ACCESS_SHARE);
        } else {
            analyzer.reads(i.source(), e, executes, LockMode.ACCESS_SHARE);
        }
        if (executes && !selectsFromEmptyTable(i.source())) {
            checkReferencedRows(target, i.columns(), e);
        }
    }

    /**
     * INSERT ... SELECT whose query is driven by a table known to hold no row (created by the migration
     * and not filled since, or measured empty by the catalog): no row is inserted, so no foreign key is
     * checked and no referenced table is locked for it (traced). The driver is the first relation of the
     * FROM clause (a join with it, inner or left, is empty too); a scalar subquery's tables do not drive.
     */
    private boolean selectsFromEmptyTable(QueryRefs source) {
        RelationRef driver = driver(source);
        return driver != null && schema.find(driver.name()).map(Relation::knownEmpty).orElse(false);
    }

    /** The first relation of the FROM clause (a scalar subquery's tables do not drive), or null. */
    private static RelationRef driver(QueryRefs source) {
        Set<QualifiedName.Key> scalar = new HashSet<>();
        source.scalarSubqueries().forEach(q -> q.refs().forEach(r -> scalar.add(r.name().key())));
        return source.refs().stream().filter(r -> !scalar.contains(r.name().key())).findFirst().orElse(null);
    }

    /**
     * True when every one of these relations is known to hold no row. Then the statement's driver (its
     * target, or its query's first table) is read first and yields nothing, so the others are not read
     * at all: a hash join fetches its outer side before building the hash, a nested loop or a subquery
     * runs per outer row (observed on histories applied to an empty database). With a table that holds
     * rows in the statement the plan could read it first: it is taken to be read.
     */
    private boolean allKnownEmpty(Collection<RelationRef> refs) {
        return refs.stream().allMatch(r -> schema.find(r.name()).map(Relation::knownEmpty).orElse(false));
    }

    void update(Command.Update u, Effects e, boolean executes) {
        Relation target = schema.resolve(u.table());
        List<AccessPaths.Participant> self = List.of(AccessPaths.participant(target, u.alias()));
        QueryRefs others = others(u.reads(), target);
        boolean scan = executes && !analyzer.accessPaths(others, self, List.of()).reachedByIndex(target);
        e.add(target, ROW_EXCLUSIVE, false, scan);
        if (!u.only()) {
            schema.descendantsOf(target).forEach(c -> e.add(c, ROW_EXCLUSIVE, false, scan));
        }
        boolean emptyDriver = target.knownEmpty() && allKnownEmpty(others.refs());
        analyzer.reads(others, e, executes && !emptyDriver, LockMode.ACCESS_SHARE, self, List.of());
        if (executes && !target.knownEmpty()) { // no row to change: no key checked, none referenced
            checkReferencedRows(target, u.setColumns(), e);
            for (SchemaModel.ForeignKeyUse use : schema.foreignKeysReferencing(target)) {
                if (intersects(referencedColumns(target, use.constraint()), u.setColumns())) {
                    onReferencedRowChange(use, "no action", e, new HashSet<>());
                }
            }
        }
    }

    void delete(Command.Delete d, Effects e, boolean executes) {
        Relation target = schema.resolve(d.table());
        List<AccessPaths.Participant> self = List.of(AccessPaths.participant(target, d.alias()));
        QueryRefs others = others(d.reads(), target);
        boolean scan = executes && !analyzer.accessPaths(others, self, List.of()).reachedByIndex(target);
        e.add(target, ROW_EXCLUSIVE, false, scan);
        if (!d.only()) {
            schema.descendantsOf(target).forEach(c -> e.add(c, ROW_EXCLUSIVE, false, scan));
        }
        analyzer.reads(others, e, executes, LockMode.ACCESS_SHARE, self, List.of());
        if (executes && !target.knownEmpty()) { // no row deleted: nothing referencing it is searched
            Set<QualifiedName.Key> seen = new HashSet<>();
            seen.add(target.name().key());
            for (SchemaModel.ForeignKeyUse use : schema.foreignKeysReferencing(target)) {
                onReferencedRowChange(use, use.constraint().references().onDelete(), e, seen);
            }
        }
    }

    /** The relations a statement reads besides its target (FROM / USING / subqueries). */
    private static QueryRefs others(QueryRefs reads, Relation target) {
        List<RelationRef> refs = new ArrayList<>(reads.refs());
        refs.removeIf(r -> r.name().key().equals(target.name().key()));
        return new QueryRefs(refs, reads.lockingClause(), reads.where(), reads.joinConditions(),
                reads.scalarSubqueries());
    }

    /** A new or changed foreign key value is checked against the referenced table. */
    private void checkReferencedRows(Relation table, List<String> writtenColumns, Effects e) {
        for (Constraint fk : table.constraintsOfKind(ConstraintKind.FOREIGN_KEY)) {
            if (writtenColumns.isEmpty() || intersects(fk.columns(), writtenColumns)) {
                Relation parent = schema.resolve(fk.references().table());
                if (!parent.name().key().equals(table.name().key())) {
                    e.lock(parent, ROW_SHARE);
                }
            }
        }
    }

    /** A referenced row was deleted or its key changed: the referencing table is searched or changed. */
    private void onReferencedRowChange(SchemaModel.ForeignKeyUse use, String action, Effects e, Set<QualifiedName.Key> seen) {
        Relation child = use.table();
        boolean scan = !hasIndexFor(child, use.constraint().columns());
        boolean changes = action.equals("cascade") || action.startsWith("set");
        e.add(child, changes ? ROW_EXCLUSIVE : ROW_SHARE, false, scan);
        if (changes && action.equals("cascade") && seen.add(child.name().key())) {
            for (SchemaModel.ForeignKeyUse next : schema.foreignKeysReferencing(child)) {
                onReferencedRowChange(next, next.constraint().references().onDelete(), e, seen);
            }
        }
    }

    private boolean hasIndexFor(Relation table, List<String> columns) {
        for (Index i : schema.indexesOn(table)) {
            if (i.valid() && !i.partial() && i.leadsWith(columns)) {
                return true;
            }
        }
        return !table.declared();
    }

    private List<String> referencedColumns(Relation parent, Constraint fk) {
        if (!fk.references().columns().isEmpty()) {
            return fk.references().columns();
        }
        return parent.constraintsOfKind(ConstraintKind.PRIMARY_KEY).stream().findFirst()
                .map(Constraint::columns).orElse(List.of("id"));
    }

    private static boolean intersects(Collection<String> a, Collection<String> b) {
        for (String x : a) {
            if (b.contains(x)) {
                return true;
            }
        }
        return false;
    }
}
