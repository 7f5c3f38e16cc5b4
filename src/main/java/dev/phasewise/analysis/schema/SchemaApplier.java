package dev.phasewise.analysis.schema;

import dev.phasewise.analysis.sql.AlterAction;
import dev.phasewise.analysis.sql.ColumnDef;
import dev.phasewise.analysis.sql.Command;
import dev.phasewise.analysis.sql.ConstraintKind;
import dev.phasewise.analysis.sql.QualifiedName;
import dev.phasewise.analysis.sql.TableConstraint;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Applies a statement's effect on the schema to the model, so that each statement of a
 * migration is analysed against the schema that the ones before it built.
 */
public final class SchemaApplier {
    private final SchemaModel model;
    private final boolean byMigration;

    /**
     * @param byMigration true while analysing a migration (what it creates is new and empty);
     *                    false while loading schema files (what they declare exists with rows)
     */
    public SchemaApplier(SchemaModel model, boolean byMigration) {
        this.model = model;
        this.byMigration = byMigration;
    }

    public void apply(Command command) {
        applyChange(command);
        if (changesParents(command)) {
            model.parentsChanged();
        }
        rowsWritten(command);
    }

    /**
     * Tables a statement may write rows into no longer hold only what the migration left in them
     * (an empty new table, a column added NULL): a foreign key added on them later has rows to check.
     */
    private void rowsWritten(Command command) {
        QualifiedName target = null;
        if (command instanceof Command.Insert i) {
            target = i.table();
        } else if (command instanceof Command.Update u) {
            target = u.table();
        } else if (command instanceof Command.Merge m) {
            target = m.target();
        } else if (command instanceof Command.Copy c && c.from()) {
            target = c.table();
        } else if (command instanceof Command.CreateTable t && t.asQuery() != null) {
            target = t.name();
        } else if (command instanceof Command.With w) {
            w.queries().forEach(this::rowsWritten);
            rowsWritten(w.main());
        }
        boolean update = command instanceof Command.Update;
        if (target != null) {
            model.find(target).filter(r -> !(update && r.knownEmpty())).ifPresent(r -> { // no row to update
                r.rowsWritten();
                model.descendantsOf(r).forEach(Relation::rowsWritten);
            });
        }
    }

    // Renames and drops reach the model through rename/remove, which refresh its lookups;
    // only partition and inheritance links are changed here behind its back.
    private static boolean changesParents(Command c) {
        if (c instanceof Command.AlterTable a) {
            for (AlterAction x : a.actions()) {
                if (x instanceof AlterAction.AttachPartition || x instanceof AlterAction.DetachPartition
                        || x instanceof AlterAction.Other o && o.name().contains("inherit")) {
                    return true;
                }
            }
        }
        return false;
    }

    private void applyChange(Command command) {
        if (command instanceof Command.CreateTable t) {
            createTable(t);
        } else if (command instanceof Command.AlterTable a) {
            alterTable(a);
        } else if (command instanceof Command.CreateIndex i) {
            Relation table = model.resolve(i.table());
            String name = i.name() != null ? i.name() : defaultIndexName(table, i.columns(), "idx");
            QualifiedName indexName = new QualifiedName(i.table().schema(), name);
            if (i.ifNotExists() && model.findIndex(indexName).isPresent()) {
                return; // PostgreSQL skips it with a notice: the index of that name stays as it was
            }
            model.putIndex(new Index(indexName, table.name(), i.columns(), i.unique(), i.where() != null, true,
                    i.plain(), i.where() == null ? null : i.where().text()));
        } else if (command instanceof Command.DropIndex d) {
            d.names().forEach(model::removeIndex);
        } else if (command instanceof Command.DropRelation d) {
            d.names().forEach(model::remove);
        } else if (command instanceof Command.CreateView v) {
            Relation view = new Relation(v.name(), v.materialized() ? RelationKind.MATERIALIZED_VIEW : RelationKind.VIEW,
                    byMigration && model.find(v.name()).map(Relation::createdByMigration).orElse(true), true);
            view.reads().addAll(v.query().relations());
            model.put(view);
        } else if (command instanceof Command.CreateRoutine r) {
            model.putFunction(r.name(), r.volatility());
        } else if (command instanceof Command.CreateType t && t.form().equals("enum")) {
            model.putEnum(t.name());
        } else if (command instanceof Command.CreateDomain d) {
            model.putDomain(d.name(), d.base());
            if (d.hasConstraint()) {
                model.putConstrainedDomain(d.name());
            }
        } else if (command instanceof Command.AlterDomain d && d.addsConstraint()) {
            model.putConstrainedDomain(d.name());
        }
    }

    private void createTable(Command.CreateTable t) {
        if (t.ifNotExists() && model.find(t.name()).isPresent()) {
            return;
        }
        RelationKind kind = t.partitioned() ? RelationKind.PARTITIONED_TABLE : RelationKind.TABLE;
        Relation r = new Relation(t.name(), kind, byMigration, true);
        r.setPartitionKey(t.partitionKey());
        if (t.like() != null) {
            model.find(t.like()).ifPresent(src -> src.columns().forEach((k, v) -> r.columns().put(k, v.copy(k))));
        }
        if (t.partitionOf() != null) {
            Relation parent = model.resolve(t.partitionOf());
            parent.columns().forEach((k, v) -> r.columns().put(k, v.copy(k)));
            r.parents().add(parent.name());
            r.markPartition(t.defaultPartition());
        }
        for (QualifiedName p : t.inherits()) {
            Relation parent = model.resolve(p);
            parent.columns().forEach((k, v) -> r.columns().putIfAbsent(k, v.copy(k)));
            r.parents().add(parent.name());
        }
        model.put(r);
        for (ColumnDef c : t.columns()) {
            addColumn(r, c);
        }
        for (TableConstraint c : t.constraints()) {
            addConstraint(r, c);
        }
    }

    private void addColumn(Relation r, ColumnDef c) {
        String def = c.defaultValue() != null ? c.defaultValue().text() : c.type().serial() ? "nextval(...)" : null;
        r.columns().put(c.name(), new Column(c.name(), c.type(), c.notNull(), def, byMigration));
        for (TableConstraint inline : c.constraints()) {
            addConstraint(r, inline);
        }
    }

    private void addConstraint(Relation r, TableConstraint c) {
        List<String> columns = c.columns();
        if (c.usingIndex() != null) {
            Optional<Index> index = model.findIndex(new QualifiedName(r.name().schema(), c.usingIndex()));
            columns = index.map(Index::columns).orElse(List.of());
            index.ifPresent(i -> model.removeIndex(i.name()));
        }
        String name = c.name() != null ? c.name() : defaultConstraintName(r, c.kind(), columns);
        if (c.kind() == ConstraintKind.PRIMARY_KEY || c.kind() == ConstraintKind.UNIQUE) {
            model.putIndex(new Index(new QualifiedName(r.name().schema(), name), r.name(), columns, true, false, true,
                    false));
        }
        if (c.kind() == ConstraintKind.PRIMARY_KEY || (c.kind() == ConstraintKind.NOT_NULL && !c.notValid())) {
            columns.forEach(col -> r.column(col).ifPresent(x -> x.setNotNull(true)));
        }
        r.constraints().removeIf(x -> name.equals(x.name()));
        Constraint added = new Constraint(name, c.kind(), columns, c.check(), c.references(), !c.notValid());
        r.constraints().add(added);
        model.noteForeignKey(r, added);
    }

    private void alterTable(Command.AlterTable a) {
        if (a.objectKind().equals("index")) {
            alterIndex(a);
            return;
        }
        if (a.objectKind().equals("sequence")) {
            return;
        }
        Optional<Relation> found = model.find(a.table());
        if (found.isEmpty() && a.ifExists() && model.complete()) {
            return; // it does not exist: the server skips the statement (otherwise: assumed to exist)
        }
        Relation r = found.orElseGet(() -> model.resolve(a.table()));
        for (AlterAction action : a.actions()) {
            applyAction(r, action);
        }
    }

    private void alterIndex(Command.AlterTable a) {
        for (AlterAction action : a.actions()) {
            if (action instanceof AlterAction.RenameTo to) {
                model.findIndex(a.table()).ifPresent(i -> {
                    model.removeIndex(i.name());
                    model.putIndex(i.with(new QualifiedName(i.name().schema(), to.newName()), i.table(),
                            i.columns(), i.valid()));
                });
            }
        }
    }

    private void applyAction(Relation r, AlterAction action) {
        if (action instanceof AlterAction.AddColumn add) {
            if (!(add.ifNotExists() && r.columns().containsKey(add.column().name()))) {
                addColumn(r, add.column());
                ColumnDef c = add.column();
                boolean fills = c.defaultValue() != null && !c.defaultValue().isNull() || c.generated() != null
                        || c.type().serial();
                r.column(c.name()).ifPresent(col -> col.setOnlyNulls(!fills));
            }
        } else if (action instanceof AlterAction.DropColumn d) {
            r.columns().remove(d.column());
            r.constraints().removeIf(c -> c.columns().contains(d.column()));
            for (Index i : model.indexesOn(r)) {
                if (i.columns().contains(d.column())) {
                    model.removeIndex(i.name());
                }
            }
        } else if (action instanceof AlterAction.AlterColumnType t) {
            r.column(t.column()).ifPresent(c -> c.setType(t.type()));
            if (t.using() != null) {
                r.column(t.column()).ifPresent(c -> c.setOnlyNulls(false)); // USING may turn NULLs into values
            }
        } else if (action instanceof AlterAction.SetDefault d) {
            r.column(d.column()).ifPresent(c -> c.setDefault(d.value().text()));
        } else if (action instanceof AlterAction.DropDefault d) {
            r.column(d.column()).ifPresent(c -> c.setDefault(null));
        } else if (action instanceof AlterAction.SetNotNull n) {
            r.column(n.column()).ifPresent(c -> c.setNotNull(true));
        } else if (action instanceof AlterAction.DropNotNull n) {
            r.column(n.column()).ifPresent(c -> c.setNotNull(false));
        } else if (action instanceof AlterAction.AddConstraint c) {
            addConstraint(r, c.constraint());
        } else if (action instanceof AlterAction.ValidateConstraint v) {
            r.constraints().replaceAll(c -> v.name().equals(c.name()) ? c.withValidated(true) : c);
        } else if (action instanceof AlterAction.DropConstraint d) {
            r.constraints().removeIf(c -> d.name().equals(c.name()));
            model.removeIndex(new QualifiedName(r.name().schema(), d.name()));
        } else if (action instanceof AlterAction.RenameColumn rc) {
            renameColumn(r, rc.from(), rc.to());
        } else if (action instanceof AlterAction.RenameTo to) {
            model.rename(r, new QualifiedName(r.name().schema(), to.newName()));
        } else if (action instanceof AlterAction.RenameConstraint rc) {
            r.constraints().replaceAll(c -> rc.from().equals(c.name()) ? c.withName(rc.to()) : c);
        } else if (action instanceof AlterAction.SetSchema s) {
            model.rename(r, new QualifiedName(s.schema(), r.name().name()));
        } else if (action instanceof AlterAction.AttachPartition p) {
            Relation part = model.resolve(p.partition());
            part.parents().add(r.name());
            part.markPartition(p.bound().tokens().size() == 1 && p.bound().tokens().get(0).isWord("default"));
        } else if (action instanceof AlterAction.DetachPartition p) {
            model.find(p.partition()).ifPresent(part -> {
                part.parents().removeIf(x -> x.key().equals(r.name().key()));
                part.clearPartition();
            });
        }
    }

    private void renameColumn(Relation r, String from, String to) {
        Map<String, Column> renamed = new LinkedHashMap<>();
        r.columns().forEach((k, v) -> renamed.put(k.equals(from) ? to : k, k.equals(from) ? v.copy(to) : v));
        r.columns().clear();
        r.columns().putAll(renamed);
        r.constraints().replaceAll(c -> c.renamedColumn(from, to));
        // a copy: putIndex replaces the index in the very list indexesOn returns
        for (Index i : List.copyOf(model.indexesOn(r))) {
            if (i.columns().contains(from)) {
                List<String> cols = new ArrayList<>(i.columns());
                cols.replaceAll(c -> c.equals(from) ? to : c);
                model.putIndex(i.with(i.name(), i.table(), cols, i.valid()));
            }
        }
    }

    private static String defaultIndexName(Relation table, List<String> columns, String suffix) {
        String cols = columns.stream().allMatch(c -> c.matches("[a-z_][a-z0-9_$]*")) && !columns.isEmpty()
                ? String.join("_", columns) : "expr";
        return table.name().name() + "_" + cols + "_" + suffix;
    }

    private static String defaultConstraintName(Relation table, ConstraintKind kind, List<String> columns) {
        String t = table.name().name();
        String cols = String.join("_", columns);
        return switch (kind) {
            case PRIMARY_KEY -> t + "_pkey";
            case UNIQUE -> t + "_" + cols + "_key";
            case FOREIGN_KEY -> t + "_" + cols + "_fkey";
            case CHECK -> t + "_check";
            case EXCLUDE -> t + "_excl";
            case NOT_NULL -> t + "_" + cols + "_not_null";
        };
    }
}
