package dev.phasewise.analysis.rules;

import dev.phasewise.analysis.schema.Index;
import dev.phasewise.analysis.schema.Relation;
import dev.phasewise.analysis.sql.AlterAction;
import dev.phasewise.analysis.sql.ColumnDef;
import dev.phasewise.analysis.sql.Command;
import dev.phasewise.analysis.sql.ConstraintKind;
import dev.phasewise.analysis.sql.QualifiedName;
import dev.phasewise.analysis.sql.TableConstraint;

import java.util.ArrayList;
import java.util.List;

/** A foreign key whose referencing columns no index leads with, by the end of the migration. */
public final class ForeignKeyWithoutIndex implements Rule {
    public static final RuleMeta META = new RuleMeta("PW124", "foreign-key-without-index", Severity.WARNING,
            "Foreign key without an index on its referencing columns",
            "Each DELETE of a referenced row (and each update of its key) makes PostgreSQL look up the referencing "
                    + "rows; without an index that lookup is a sequential scan of the referencing table, under a "
                    + "row lock, for every deleted row. Cascades and bulk deletes become very slow.",
            "Create an index whose leading columns are the foreign key's columns, CONCURRENTLY, in the same "
                    + "migration set.");

    /** line and column: the statement's own place inside a code block, else 0 (see StatementContext). */
    private record Added(int statement, int line, int column, QualifiedName table, List<String> columns,
                         QualifiedName references) {
    }

    private static final class Memory {
        final List<Added> added = new ArrayList<>();
    }

    @Override
    public RuleMeta meta() {
        return META;
    }

    @Override
    public void check(StatementContext ctx, FindingSink out) {
        Memory m = ctx.file().memory(Memory.class, Memory::new);
        if (ctx.command() instanceof Command.CreateTable t) {
            t.constraints().forEach(c -> remember(m, ctx, t.name(), c));
            for (ColumnDef col : t.columns()) {
                col.constraints().forEach(c -> remember(m, ctx, t.name(), c));
            }
        } else if (ctx.command() instanceof Command.AlterTable a && a.objectKind().equals("table")) {
            for (AlterAction action : a.actions()) {
                if (action instanceof AlterAction.AddConstraint add) {
                    remember(m, ctx, a.table(), add.constraint());
                } else if (action instanceof AlterAction.AddColumn add) {
                    add.column().constraints().forEach(c -> remember(m, ctx, a.table(), c));
                }
            }
        }
    }

    private static void remember(Memory m, StatementContext ctx, QualifiedName table, TableConstraint c) {
        if (c.kind() == ConstraintKind.FOREIGN_KEY && !c.columns().isEmpty()) {
            m.added.add(new Added(ctx.index(), ctx.placeLine(), ctx.placeColumn(), table, c.columns(),
                    c.references().table()));
        }
    }

    @Override
    public void endOfFile(FileContext ctx, FindingSink out) {
        Memory m = ctx.memory(Memory.class, Memory::new);
        for (Added a : m.added) {
            Relation table = ctx.schema().find(a.table()).orElse(null);
            if (table == null) {
                continue; // dropped or renamed later in the migration
            }
            boolean indexed = false;
            for (Index i : ctx.schema().indexesOn(table)) {
                indexed |= i.valid() && !i.partial() && i.leadsWith(a.columns());
            }
            if (!indexed) {
                String cols = String.join(", ", a.columns().stream().map(Support::q).toList());
                String name = a.table().name() + "_" + String.join("_", a.columns()) + "_idx";
                out.reportAt(META, a.statement(), a.line(), a.column(), "no index on " + a.table().display()
                                + " (" + String.join(", ", a.columns()) + "): every delete from " + a.references().display()
                                + " scans " + a.table().display() + " to find referencing rows",
                        "CREATE INDEX CONCURRENTLY " + Support.q(name) + " ON " + Support.q(a.table()) + " (" + cols
                                + ");");
            }
        }
    }
}
