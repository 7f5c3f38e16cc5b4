package dev.phasewise.db.catalog;

import dev.phasewise.db.Database;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;

/**
 * A table's catalog facts and who locks it right now, read together on one session: what the
 * window shows beside the selected step.
 */
public record TableSnapshot(TableFacts facts, LiveContext live) {
    /** Empty when the table does not exist (yet) on this database. */
    public static Optional<TableSnapshot> read(Database db, String table, Duration longTransaction)
            throws SQLException {
        try (Connection s = db.newSession()) {
            Optional<TableFacts> f = new TableFactsReader(s).read(table, false);
            if (f.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(new TableSnapshot(f.get(), LiveContext.read(s, f.get().name(), longTransaction)));
        }
    }
}
