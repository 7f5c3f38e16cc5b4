package dev.phasewise.analysis;

import dev.phasewise.analysis.parse.Statement;
import dev.phasewise.analysis.schema.SchemaModel;
import dev.phasewise.analysis.schema.SearchPath;
import dev.phasewise.analysis.sql.Command;
import dev.phasewise.analysis.sql.CommandParser;

/**
 * The search_path of the session that runs one migration file, as its statements move it:
 * {@code SET search_path} lasts for the session, {@code SET LOCAL} (and {@code set_config(...,
 * true)}) until the transaction ends, {@code RESET} and {@code DEFAULT} go back to where the file
 * started (the database's setting, or {@code --search-path}). Each statement is parsed with the
 * path in effect where it runs, so its unqualified names are the objects the server would use.
 */
public final class SearchPathSession {
    private final SchemaModel schema;
    private final SearchPath initial;
    private SearchPath session;
    private SearchPath local;

    public SearchPathSession(SchemaModel schema) {
        this.schema = schema;
        this.initial = schema.searchPath();
        this.session = initial;
    }

    /** The statement's command, its names resolved through the path in effect now. */
    public Command parse(Statement statement) {
        schema.setSearchPath(current());
        return CommandParser.parse(statement, schema.names());
    }

    public SearchPath current() {
        return local != null ? local : session;
    }

    /**
     * Follows a statement that ran: a change of search_path, or the end of a transaction (which
     * ends a SET LOCAL). {@code inTransaction} says whether a transaction is still open after it.
     */
    public void after(Command command, boolean inTransaction) {
        if (command instanceof Command.SetVariable set && changesPath(set.name())) {
            SearchPath value = set.value() == null || set.value().equalsIgnoreCase("default") ? initial
                    : SearchPath.parse(set.value());
            if (!set.local()) {
                session = value;
                local = null;
            } else if (inTransaction) {
                local = value;
            }
        }
        if (!inTransaction) {
            local = null;
        }
        schema.setSearchPath(current());
    }

    /** Leaves the model's path where the file started: the next file runs in a session of its own. */
    public void finish() {
        schema.setSearchPath(initial);
    }

    private static boolean changesPath(String name) {
        return name.equalsIgnoreCase("search_path") || name.equalsIgnoreCase("all");
    }
}
