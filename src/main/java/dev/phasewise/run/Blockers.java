package dev.phasewise.run;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The sessions that block a waiting statement, as {@code pg_blocking_pids} names them, and the
 * one remedy the runner may apply to them: cancelling their running statement
 * ({@code pg_cancel_backend}, never terminating the session). Read from a separate monitor session.
 */
final class Blockers {
    private Blockers() {
    }

    /** The sessions blocking {@code pid} right now, with what they run and how old their transaction is. */
    static List<RunEvent.Blocker> of(Connection monitor, int pid) throws SQLException {
        List<RunEvent.Blocker> out = new ArrayList<>();
        try (PreparedStatement ps = monitor.prepareStatement("""
                SELECT a.pid, a.usename, a.application_name, a.state, extract(epoch FROM now() - a.xact_start), a.query
                FROM pg_stat_activity a WHERE a.pid = ANY (pg_blocking_pids(?)) ORDER BY a.pid""")) {
            ps.setInt(1, pid);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    double age = rs.getDouble(5);
                    out.add(new RunEvent.Blocker(rs.getInt(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.wasNull() ? null : Duration.ofMillis(Math.round(age * 1000)), rs.getString(6)));
                }
            }
        }
        return out;
    }

    /**
     * Cancels the running statement of each blocker not cancelled before ({@code alreadyCancelled}
     * remembers them); returns those cancelled now. One that is gone meanwhile, or not ours to
     * cancel, is skipped: the step then keeps waiting until its lock_timeout.
     */
    static List<RunEvent.Blocker> cancel(Connection monitor, List<RunEvent.Blocker> blockers,
                                         Set<Integer> alreadyCancelled) {
        List<RunEvent.Blocker> now = new ArrayList<>();
        for (RunEvent.Blocker b : blockers) {
            if (alreadyCancelled.add(b.pid())) {
                try (PreparedStatement ps = monitor.prepareStatement("SELECT pg_cancel_backend(?)")) {
                    ps.setInt(1, b.pid());
                    ps.execute();
                    now.add(b);
                } catch (SQLException ignored) {
                    // gone meanwhile, or not ours to cancel
                }
            }
        }
        return now;
    }
}
