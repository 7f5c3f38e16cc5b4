package dev.phasewise.analysis;

import dev.phasewise.analysis.cost.TableEffect;
import dev.phasewise.analysis.parse.SourceProblem;
import dev.phasewise.analysis.parse.Splitter;
import dev.phasewise.analysis.parse.Statement;
import dev.phasewise.analysis.pg.LockMode;
import dev.phasewise.analysis.pg.PgVersion;
import dev.phasewise.analysis.schema.Constraint;
import dev.phasewise.analysis.schema.Index;
import dev.phasewise.analysis.schema.Relation;
import dev.phasewise.analysis.schema.RelationKind;
import dev.phasewise.analysis.schema.SchemaModel;
import dev.phasewise.analysis.sql.Command;
import dev.phasewise.analysis.sql.CommandParser;
import dev.phasewise.analysis.sql.ConstraintKind;
import dev.phasewise.analysis.sql.Expr;
import dev.phasewise.analysis.sql.ForeignKeyRef;
import dev.phasewise.analysis.sql.QualifiedName;
import dev.phasewise.analysis.sql.QueryRefs;
import dev.phasewise.analysis.sql.RelationRef;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static dev.phasewise.analysis.pg.LockMode.ACCESS_EXCLUSIVE;
import static dev.phasewise.analysis.pg.LockMode.ACCESS_SHARE;
import static dev.phasewise.analysis.pg.LockMode.EXCLUSIVE;
import static dev.phasewise.analysis.pg.LockMode.ROW_EXCLUSIVE;
import static dev.phasewise.analysis.pg.LockMode.ROW_SHARE;
import static dev.phasewise.analysis.pg.LockMode.SHARE;
import static dev.phasewise.analysis.pg.LockMode.SHARE_ROW_EXCLUSIVE;
import static dev.phasewise.analysis.pg.LockMode.SHARE_UPDATE_EXCLUSIVE;

/**
 * For one statement, the relations it locks (with the strongest mode), rewrites and scans, as
 * PostgreSQL's lock manager and executor would, read from the schema as it stands before the
 * statement. The lock levels follow PostgreSQL's source (tablecmds.c AlterTableGetLockLevel,
 * indexcmds.c, ri_triggers.c); the corpus test checks them against a live server's pg_locks.
 */
public final class LockAnalyzer {
    private final SchemaModel schema;
    private final PgVersion version;

    /** The statement is inside a code block: a name that is no column is one of its variables (a parameter). */
    private boolean blockVariables;

    /** For a statement of a DO block or procedure body, where names that are no column are its variables. */
    LockAnalyzer inCodeBlock() {
        this.blockVariables = true;
        return this;
    }

    public LockAnalyzer(SchemaModel schema, PgVersion version) {
        this.schema = schema;
        this.version = version;
    }

    public List<TableEffect> effects(Command command) {
        Effects e = new Effects();
        collect(command, e, true);
        return e.list();
    }

    private void collect(Command command, Effects e, boolean executes) {
        if (command instanceof Command.CreateTable t) {
            createTable(t, e);
        } else if (command instanceof Command.AlterTable a) {
            new AlterTableLocks(schema, version, this).collect(a, e);
        } else if (command instanceof Command.CreateIndex i) {
            Relation table = schema.resolve(i.table());
            LockMode mode = i.concurrently() ? SHARE_UPDATE_EXCLUSIVE : SHARE;
            boolean exists = i.ifNotExists() && schema.indexNameTaken(i.table(), i.name());
            e.add(table, mode, false, !exists);
            // only a partitioned table's index reaches its partitions; an inheritance parent's stays its own
            if (!i.only() && !exists && table.kind() == RelationKind.PARTITIONED_TABLE) {
                schema.descendantsOf(table).forEach(child -> e.add(child, mode, false, true));
            }
        } else if (command instanceof Command.DropIndex d) {
            for (QualifiedName n : d.names()) {
                tableOfIndex(n).ifPresent(t -> e.lock(t, d.concurrently() ? SHARE_UPDATE_EXCLUSIVE : ACCESS_EXCLUSIVE));
            }
        } else if (command instanceof Command.Reindex r) {
            reindex(r, e);
        } else if (command instanceof Command.DropRelation d) {
            dropRelation(d, e);
        } else if (command instanceof Command.CreateView v) {
            if (v.orReplace()) {
                schema.find(v.name()).ifPresent(view -> e.lock(view, ACCESS_EXCLUSIVE));
            }
            // IF NOT EXISTS on a view that exists: PostgreSQL has already analysed the query, so its
            // tables are locked, but it fills nothing (observed: no seq_scan)
            boolean fills = v.materialized() && v.withData()
                    && !(v.ifNotExists() && schema.find(v.name()).isPresent());
            reads(v.query(), e, fills, ACCESS_SHARE);
        } else if (command instanceof Command.RefreshMaterializedView r) {
            Relation mv = schema.resolve(r.name());
            // Both forms read the view's old heap (observed: seq_scan rises even WITH NO DATA).
            if (r.concurrently()) {
                e.add(mv, EXCLUSIVE, false, true);
            } else {
                e.add(mv, ACCESS_EXCLUSIVE, true, true);
            }
            if (r.withData()) {
                reads(QueryRefs.of(mv.reads(), false, null), e, true, ACCESS_SHARE);
            }
        } else if (command instanceof Command.TableObject o) {
            tableObject(o, e);
        } else if (command instanceof Command.AlterDomain d && d.addsConstraint() && !d.notValid()) {
            for (Relation r : schema.relations()) {
                if (r.columns().values().stream().anyMatch(c -> c.type().base().equals(d.name().display()))) {
                    e.add(r, SHARE, false, true);
                }
            }
        } else if (command instanceof Command.Truncate t) {
            truncate(t, e);
        } else if (command instanceof Command.Cluster c) {
            if (c.table() != null) {
                e.add(schema.resolve(c.table()), ACCESS_EXCLUSIVE, true, true);
            }
        } else if (command instanceof Command.Vacuum v) {
            vacuum(v, e);
        } else if (command instanceof Command.Analyze a) {
            for (Relation r : targets(a.tables())) {
                e.lock(r, SHARE_UPDATE_EXCLUSIVE);
            }
        } else if (command instanceof Command.Lock l) {
            for (QualifiedName n : l.tables()) {
                lockTable(schema.resolve(n), l.mode(), !l.only(), e, new HashSet<>());
            }
        } else if (command instanceof Command.Grant g && version.atLeast(18)) {
            // Since 18, GRANT and REVOKE lock the tables they change (ACCESS SHARE).
            g.tables().forEach(t -> e.lock(schema.resolve(t), ACCESS_SHARE));
        } else if (command instanceof Command.Comment c) {
            comment(c, e);
        } else if (command instanceof Command.CreateSequence s && s.ownedByTable() != null) {
            e.lock(schema.resolve(s.ownedByTable()), ACCESS_SHARE);
        } else if (command instanceof Command.AlterSequence s && s.ownedByTable() != null) {
            e.lock(schema.resolve(s.ownedByTable()), ACCESS_SHARE);
        } else if (command instanceof Command.Update u) {
            new DmlLocks(schema, this).update(u, e, executes);
        } else if (command instanceof Command.Delete d) {
            new DmlLocks(schema, this).delete(d, e, executes);
        } else if (command instanceof Command.Insert i) {
            new DmlLocks(schema, this).insert(i, e, executes);
        } else if (command instanceof Command.Merge m) {
            Relation target = schema.resolve(m.target());
            List<AccessPaths.Participant> t = List.of(AccessPaths.participant(target, m.alias()));
            List<Expr> on = m.on() == null ? List.of() : List.of(m.on());
            e.add(target, ROW_EXCLUSIVE, false, executes && !accessPaths(m.source(), t, on).reachedByIndex(target));
            reads(m.source(), e, executes, ACCESS_SHARE, t, on);
        } else if (command instanceof Command.With w) {
            for (Command q : w.queries()) {
                collect(q, e, executes);
            }
            collect(w.main(), e, executes);
        } else if (command instanceof Command.Select s) {
            reads(s.query(), e, executes, s.query().lockingClause() ? ROW_SHARE : ACCESS_SHARE);
        } else if (command instanceof Command.Copy c) {
            if (c.table() != null) {
                Relation t = schema.resolve(c.table());
                e.add(t, c.from() ? ROW_EXCLUSIVE : ACCESS_SHARE, false, !c.from());
            } else {
                reads(c.query(), e, true, ACCESS_SHARE);
            }
        } else if (command instanceof Command.Explain x) {
            collect(x.inner(), e, x.analyze());
        } else if (command instanceof Command.CreateRoutine r && r.checkedBody() != null) {
            // the body's statements are parsed and analysed, not run: their tables are locked as EXPLAIN
            // locks them (ROW EXCLUSIVE on a target, ACCESS SHARE on what is read), nothing is read
            for (Statement s : Splitter.split(r.checkedBody(), new ArrayList<SourceProblem>())) {
                collect(CommandParser.parse(s), e, false);
            }
        } else if (command instanceof Command.DropObject d && d.cascade() && d.objectKind().equals("schema")) {
            for (QualifiedName n : d.names()) {
                for (Relation r : schema.relations()) {
                    if (n.name().equals(r.name().schema())) {
                        e.lock(r, ACCESS_EXCLUSIVE);
                    }
                }
            }
        }
    }

    private void createTable(Command.CreateTable t, Effects e) {
        if (t.ifNotExists() && schema.find(t.name()).isPresent()) {
            return;
        }
        if (t.partitionOf() != null) {
            Relation parent = schema.resolve(t.partitionOf());
            e.lock(parent, ACCESS_EXCLUSIVE);
            if (!t.defaultPartition()) {
                schema.defaultPartitionOf(parent).ifPresent(d -> e.add(d, ACCESS_EXCLUSIVE, false, true));
            }
        }
        for (QualifiedName p : t.inherits()) {
            e.lock(schema.resolve(p), SHARE_UPDATE_EXCLUSIVE);
        }
        if (t.like() != null) {
            e.lock(schema.resolve(t.like()), ACCESS_SHARE);
        }
        t.columns().forEach(c -> c.constraints().forEach(k -> referenced(k.kind(), k.references(), e)));
        t.constraints().forEach(k -> referenced(k.kind(), k.references(), e));
        if (t.asQuery() != null) {
            reads(t.asQuery(), e, true, ACCESS_SHARE);
        }
    }

    private void referenced(ConstraintKind kind, ForeignKeyRef ref, Effects e) {
        if (kind == ConstraintKind.FOREIGN_KEY && ref != null) {
            e.lock(schema.resolve(ref.table()), SHARE_ROW_EXCLUSIVE);
        }
    }

    private void reindex(Command.Reindex r, Effects e) {
        LockMode mode = r.concurrently() ? SHARE_UPDATE_EXCLUSIVE : SHARE;
        switch (r.target()) {
            case "index" -> tableOfIndex(r.name()).ifPresent(t -> e.add(t, mode, false, true));
            case "table" -> {
                Relation t = schema.resolve(r.name());
                e.add(t, mode, false, true);
            }
            case "schema" -> schema.relations().stream()
                    .filter(x -> x.kind().hasStorage() && r.name() != null
                            && r.name().name().equals(x.name().schema() == null ? "public" : x.name().schema()))
                    .forEach(x -> e.add(x, mode, false, true));
            default -> schema.relations().stream().filter(x -> x.kind().hasStorage())
                    .forEach(x -> e.add(x, mode, false, true));
        }
    }

    private void dropRelation(Command.DropRelation d, Effects e) {
        if (d.objectKind().equals("sequence")) {
            return;
        }
        for (QualifiedName n : d.names()) {
            Optional<Relation> found = schema.find(n);
            if (found.isEmpty() && d.ifExists() && schema.complete()) {
                continue; // it does not exist: the server skips it (otherwise: assumed to exist, IfExists)
            }
            Relation r = found.orElseGet(() -> schema.resolve(n));
            e.lock(r, ACCESS_EXCLUSIVE);
            // partitions always go with their table; inheritance children only with CASCADE
            schema.descendantsOf(r).stream().filter(x -> x.isPartition() || d.cascade())
                    .forEach(p -> e.lock(p, ACCESS_EXCLUSIVE));
            for (Constraint fk : r.constraintsOfKind(ConstraintKind.FOREIGN_KEY)) {
                Relation parent = schema.resolve(fk.references().table());
                if (!parent.name().key().equals(r.name().key())) {
                    e.lock(parent, ACCESS_EXCLUSIVE);
                }
            }
            if (d.cascade()) {
                for (SchemaModel.ForeignKeyUse use : schema.foreignKeysReferencing(r)) {
                    e.lock(use.table(), ACCESS_EXCLUSIVE);
                }
                for (Relation v : schema.relations()) {
                    if (v.reads().stream().anyMatch(x -> x.key().equals(r.name().key()))) {
                        e.lock(v, ACCESS_EXCLUSIVE);
                    }
                }
            }
        }
    }

    private void tableObject(Command.TableObject o, Effects e) {
        Relation table = schema.resolve(o.table());
        LockMode mode;
        if (o.objectKind().equals("trigger") && !o.drop()) {
            mode = SHARE_ROW_EXCLUSIVE;
        } else if (o.objectKind().equals("statistics")) {
            mode = SHARE_UPDATE_EXCLUSIVE;
        } else {
            mode = ACCESS_EXCLUSIVE;
        }
        e.lock(table, mode);
        // a policy's expressions are parsed when it is created: the tables their subqueries name are locked
        reads(o.reads(), e, false, ACCESS_SHARE);
    }

    private void truncate(Command.Truncate t, Effects e) {
        Set<QualifiedName.Key> seen = new HashSet<>();
        for (QualifiedName n : t.tables()) {
            truncateOne(schema.resolve(n), t.cascade(), e, seen);
        }
    }

    private void truncateOne(Relation r, boolean cascade, Effects e, Set<QualifiedName.Key> seen) {
        if (!seen.add(r.name().key())) {
            return;
        }
        // A new empty heap replaces the old one. PostgreSQL's seq_scan counter rises for the tables
        // named (or cascaded to), not for partitions reached through their parent (observed).
        e.add(r, ACCESS_EXCLUSIVE, true, true);
        schema.descendantsOf(r).forEach(child -> e.add(child, ACCESS_EXCLUSIVE, true, false));
        if (cascade) {
            for (SchemaModel.ForeignKeyUse use : schema.foreignKeysReferencing(r)) {
                truncateOne(use.table(), true, e, seen);
            }
        }
    }

    private void vacuum(Command.Vacuum v, Effects e) {
        for (Relation r : targets(v.tables())) {
            if (v.full()) {
                e.add(r, ACCESS_EXCLUSIVE, true, true);
            } else {
                e.lock(r, SHARE_UPDATE_EXCLUSIVE);
            }
        }
    }

    /** The named tables, or every table with storage when none is named. */
    private List<Relation> targets(List<QualifiedName> names) {
        if (names.isEmpty()) {
            return schema.relations().stream().filter(r -> r.kind().hasStorage() && r.declared()).toList();
        }
        return names.stream().map(schema::resolve).toList();
    }

    private void lockTable(Relation r, LockMode mode, boolean recurse, Effects e, Set<QualifiedName.Key> seen) {
        if (!seen.add(r.name().key())) {
            return;
        }
        e.lock(r, mode);
        if (r.kind() == RelationKind.VIEW) {
            for (QualifiedName base : r.reads()) {
                lockTable(schema.resolve(base), mode, true, e, seen);
            }
        }
        if (recurse) {
            schema.childrenOf(r).forEach(child -> lockTable(child, mode, true, e, seen));
        }
    }

    private void comment(Command.Comment c, Effects e) {
        switch (c.objectKind()) {
            case "table", "column", "view", "materialized view", "foreign table" ->
                    e.lock(schema.resolve(c.table()), SHARE_UPDATE_EXCLUSIVE);
            case "constraint", "trigger", "policy", "rule" -> e.lock(schema.resolve(c.table()), ACCESS_SHARE);
            default -> {
                // indexes, sequences, types, functions...: no table is locked
            }
        }
    }

    // ---------------------------------------------------------------- shared with the other lock classes

    /** The table an index belongs to, when the schema knows the index. */
    Optional<Relation> tableOfIndex(QualifiedName index) {
        return schema.findIndex(index).map(i -> schema.resolve(i.table()));
    }

    /**
     * Locks what a query reads: each relation (views through to their base relations,
     * partitioned and inherited tables with their children unless ONLY), scanning those the
     * planner cannot reach by an index.
     */
    void reads(QueryRefs query, Effects e, boolean executes, LockMode mode) {
        reads(query, e, executes, mode, List.of(), List.of());
    }

    /**
     * As {@link #reads(QueryRefs, Effects, boolean, LockMode)}, where the statement's target
     * (of UPDATE, DELETE, MERGE) joins the query: {@code extra} takes part in the access paths,
     * and {@code extraPredicates} (MERGE's ON) join them.
     */
    void reads(QueryRefs query, Effects e, boolean executes, LockMode mode, List<AccessPaths.Participant> extra,
               List<Expr> extraPredicates) {
        AccessPaths paths = accessPaths(query, extra, extraPredicates);
        Set<QualifiedName.Key> seen = new HashSet<>();
        extra.forEach(p -> seen.add(p.relation().name().key()));
        for (RelationRef ref : query.refs()) {
            read(schema.resolve(ref.name()), !ref.only(), paths, e, executes, mode, seen);
        }
    }

    AccessPaths accessPaths(QueryRefs query, List<AccessPaths.Participant> extra, List<Expr> extraPredicates) {
        List<AccessPaths.Participant> participants = new ArrayList<>(extra);
        for (RelationRef ref : query.refs()) {
            participants.add(AccessPaths.participant(schema.resolve(ref.name()), ref.alias()));
        }
        List<Expr> predicates = new ArrayList<>(query.predicates());
        predicates.addAll(extraPredicates);
        List<AccessPaths.Scalar> scalars = new ArrayList<>();
        for (QueryRefs.ScalarSubquery sub : query.scalarSubqueries()) {
            scalars.add(new AccessPaths.Scalar(sub.refs().stream()
                    .map(r -> AccessPaths.participant(schema.resolve(r.name()), r.alias())).toList(), sub.where()));
        }
        return new AccessPaths(schema, participants, predicates, scalars, blockVariables);
    }

    private void read(Relation r, boolean children, AccessPaths paths, Effects e, boolean executes, LockMode mode,
                      Set<QualifiedName.Key> seen) {
        if (!seen.add(r.name().key())) {
            return;
        }
        e.add(r, mode, false, executes && !paths.reachedByIndex(r));
        if (r.kind() == RelationKind.VIEW) {
            for (QualifiedName base : r.reads()) {
                Relation b = schema.resolve(base);
                read(b, true, new AccessPaths(schema, List.of(), List.of()), e, executes, mode, seen);
            }
        }
        if (children) {
            // partitions and inheritance children are read through the parent's access path
            boolean reached = paths.reachedByIndex(r);
            for (Relation d : schema.descendantsOf(r)) {
                if (seen.add(d.name().key())) {
                    e.add(d, mode, false, executes && !reached);
                }
            }
        }
    }


    SchemaModel schema() {
        return schema;
    }

    List<Index> indexesOn(Relation r) {
        return schema.indexesOn(r);
    }
}
