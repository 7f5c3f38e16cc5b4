package dev.phasewise.analysis.sql;

/** Broad classes of commands that transaction rules reason about. */
public final class CommandKinds {
    private CommandKinds() {
    }

    /** Changes the schema (DDL), as opposed to reading or changing rows or session state. */
    public static boolean isSchemaChange(Command c) {
        return !(c instanceof Command.Transaction || c instanceof Command.SetVariable || c instanceof Command.Select
                || c instanceof Command.Explain || c instanceof Command.NoTableLocks || c instanceof Command.Invalid
                || c instanceof Command.Analyze || c instanceof Command.Lock || c instanceof Command.Unanalysed
                || c instanceof Command.DynamicSql
                || c instanceof Command.Copy || c instanceof Command.Vacuum || isDataChange(c)
                || c instanceof Command.Comment || c instanceof Command.Grant);
    }

    /** INSERT ... SELECT, UPDATE, DELETE, MERGE (or a WITH around one): a statement that may touch many rows. */
    public static boolean isDataChange(Command c) {
        if (c instanceof Command.With w) {
            return isDataChange(w.main()) || w.queries().stream().anyMatch(CommandKinds::isDataChange);
        }
        return c instanceof Command.Update || c instanceof Command.Delete || c instanceof Command.Merge
                || c instanceof Command.Insert i && !i.source().isEmpty();
    }
}
