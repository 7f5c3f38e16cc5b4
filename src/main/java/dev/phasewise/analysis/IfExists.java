package dev.phasewise.analysis;

import dev.phasewise.analysis.schema.SchemaModel;
import dev.phasewise.analysis.sql.Command;
import dev.phasewise.analysis.sql.QualifiedName;

import java.util.List;

/**
 * IF EXISTS on relations the schema model lacks. With a complete model (read from the catalog)
 * they do not exist: PostgreSQL skips them with a notice, so the lock analysis takes no lock and
 * the rules see a statement that does nothing. Otherwise (schema files, or none) they may exist
 * on the server, and a missed lock is worse than a needless warning: the lock analysis and the
 * rules both take them to exist, as any undeclared table, and a note says so.
 */
final class IfExists {
    private IfExists() {
    }

    /** The relations the statement names with IF EXISTS that the model lacks. */
    static List<QualifiedName> undeclared(Command command, SchemaModel schema) {
        List<QualifiedName> names;
        if (command instanceof Command.AlterTable a && a.ifExists() && !a.objectKind().equals("index")
                && !a.objectKind().equals("sequence")) {
            names = List.of(a.table());
        } else if (command instanceof Command.DropRelation d && d.ifExists() && !d.objectKind().equals("sequence")) {
            names = d.names();
        } else {
            return List.of();
        }
        return names.stream().filter(n -> schema.find(n).isEmpty()).toList();
    }

    /** True when a complete model lacks every relation the statement names: the server does nothing. */
    static boolean doesNothing(Command command, SchemaModel schema) {
        if (!schema.complete()) {
            return false;
        }
        List<QualifiedName> missing = undeclared(command, schema);
        return !missing.isEmpty() && missing.size() == namedRelations(command);
    }

    /** "IF EXISTS on invoices, which the schema does not declare: analysed as existing ...". */
    static String note(List<QualifiedName> undeclared) {
        String names = String.join(", ", undeclared.stream().map(QualifiedName::display).toList());
        return "IF EXISTS on " + names + ", which the schema does not declare: analysed as existing (its locks "
                + "and the rules), since the server may have " + (undeclared.size() == 1 ? "it" : "them")
                + " (a schema read from the database with --url tells)";
    }

    /**
     * CREATE INDEX IF NOT EXISTS (not CONCURRENTLY) of an index a schema from files does not declare, on
     * a table with rows: the analysis takes it to be built under SHARE, but the server may have it and
     * build nothing. Null when the answer does not hang on what the schema leaves out.
     */
    static String undeclaredIndexNote(Command command, SchemaModel schema) {
        if (schema.complete() || !(command instanceof Command.CreateIndex i) || !i.ifNotExists() || i.concurrently()
                || i.name() == null || schema.indexNameTaken(i.table(), i.name())) {
            return null;
        }
        boolean rows = schema.find(i.table()).map(r -> r.holdsExistingRows()).orElse(true);
        return rows ? "IF NOT EXISTS on index " + i.name() + ", which the schema does not declare: analysed as built "
                + "(SHARE on " + i.table().display() + " for the whole build); if the server has it, PostgreSQL only "
                + "takes the lock and builds nothing (a schema read from the database with --url tells)" : null;
    }

    private static int namedRelations(Command command) {
        return command instanceof Command.DropRelation d ? d.names().size() : 1;
    }
}
