package dev.phasewise.run;

import dev.phasewise.analysis.parse.Splitter;
import dev.phasewise.analysis.parse.Statement;
import dev.phasewise.analysis.sql.Command;
import dev.phasewise.analysis.sql.CommandParser;
import dev.phasewise.plan.sql.Action;
import dev.phasewise.plan.sql.Sql;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * A failed {@code CREATE INDEX CONCURRENTLY} leaves an invalid index behind, which a retry would
 * collide with and which costs every write meanwhile: which index an action builds, and dropping it
 * (concurrently) when it is there and invalid.
 */
final class InvalidIndexes {
    private InvalidIndexes() {
    }

    /** The schema-qualified (quoted) index a CREATE INDEX CONCURRENTLY action builds, or null. */
    static String concurrentIndex(Action action) {
        if (action.transactional()) {
            return null;
        }
        List<Statement> statements = Splitter.split(action.sql(), new ArrayList<>());
        if (statements.size() != 1) {
            return null;
        }
        Command c = CommandParser.parse(statements.get(0));
        if (c instanceof Command.CreateIndex ci && ci.concurrently() && ci.name() != null) {
            String schema = ci.table().schema();
            return (schema == null ? "" : Sql.id(schema) + ".") + Sql.id(ci.name());
        }
        return null;
    }

    /**
     * Drops the index if it exists and is invalid, with the step's lock_timeout.
     *
     * @return whether it was dropped
     */
    static boolean dropIfInvalid(Connection c, String index, String lockTimeout) throws SQLException {
        boolean invalid;
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT NOT indisvalid FROM pg_index WHERE indexrelid = to_regclass(?)")) {
            ps.setString(1, index);
            try (ResultSet rs = ps.executeQuery()) {
                invalid = rs.next() && rs.getBoolean(1);
            }
        }
        if (!invalid) {
            return false;
        }
        try (java.sql.Statement st = c.createStatement()) {
            st.execute("SET lock_timeout = " + Sql.literal(lockTimeout));
            st.execute("DROP INDEX CONCURRENTLY IF EXISTS " + index);
            st.execute("RESET lock_timeout");
        }
        return true;
    }
}
