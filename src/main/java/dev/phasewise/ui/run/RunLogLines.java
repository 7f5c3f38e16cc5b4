package dev.phasewise.ui.run;

import dev.phasewise.run.RunEvent;

import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Turns run events into the run log's lines: one timestamped line per event, except a backfill's progress,
 * which is summarised (a line when its state changes, e.g. running, paused, done, and while it runs each time
 * another tenth of the rows is done) so that a
 * fast backfill does not flood the log. One instance per run: it remembers how far each backfill was logged.
 * No JavaFX: tested on its own.
 */
public final class RunLogLines {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS", Locale.ROOT)
            .withZone(ZoneId.systemDefault());

    private String backfillStep;
    private int backfillTenthLogged = -1;
    private String backfillState;

    /** The log line for the event, or null when it adds nothing (a backfill's progress between tenths). */
    public String line(RunEvent e) {
        String text = text(e);
        return text == null ? null : TIME.format(e.at()) + "  " + text;
    }

    private String text(RunEvent e) {
        if (e instanceof RunEvent.RunStarted s) {
            return (s.resumed() ? "resumed run " : "run ") + s.runId() + " of \"" + s.planName() + "\" on " + s.database()
                    + " (" + s.steps() + (s.steps() == 1 ? " step, " : " steps, ") + s.actions() + " actions)";
        }
        if (e instanceof RunEvent.StepStarted s) {
            return "step " + s.stepId() + " started (" + s.phase().label() + ", " + s.actionId()
                    + (s.attempt() > 1 ? ", attempt " + s.attempt() : "")
                    + (s.transactional() ? "" : ", outside a transaction") + "): " + oneLine(s.sql(), 120);
        }
        if (e instanceof RunEvent.StepRetrying r) {
            return "step " + r.stepId() + " attempt " + r.attempt() + " failed, retry in " + millis(r.backoff()) + ": "
                    + r.reason();
        }
        if (e instanceof RunEvent.StepBlocked b) {
            List<String> who = new ArrayList<>();
            for (RunEvent.Blocker x : b.blockers()) {
                who.add("pid " + x.pid() + " (" + (x.application() == null || x.application().isEmpty() ? "?"
                        : x.application()) + ", " + x.state() + "): " + oneLine(x.query(), 80));
            }
            return "step " + b.stepId() + " waiting for a lock for " + millis(b.waited()) + ", blocked by "
                    + String.join("; ", who);
        }
        if (e instanceof RunEvent.BlockersCancelled c) {
            return "step " + c.stepId() + ": cancelled the statements of blocking sessions "
                    + c.cancelled().stream().map(x -> "pid " + x.pid()).toList();
        }
        if (e instanceof RunEvent.InvalidIndexCleaned i) {
            return "step " + i.stepId() + ": dropped the invalid index " + i.index() + " (" + i.cause() + ")";
        }
        if (e instanceof RunEvent.StepVerified v) {
            return "step " + v.stepId() + (v.verified() ? " verified: " : ": ") + v.result();
        }
        if (e instanceof RunEvent.StepFinished f) {
            return "step " + f.stepId() + " done in " + millis(f.duration())
                    + (f.attempts() > 1 ? " (" + f.attempts() + " attempts)" : "")
                    + (f.skipped() ? " (verified as already done)" : "");
        }
        if (e instanceof RunEvent.StepSkipped k) {
            return "step " + k.stepId() + " skipped: " + k.reason();
        }
        if (e instanceof RunEvent.StepFailed f) {
            return "step " + f.stepId() + (f.cancelled() ? " cancelled" : " FAILED") + (f.actionId() == null ? ""
                    : " at " + f.actionId()) + (f.sqlState() == null ? "" : " [" + f.sqlState() + "]") + ": "
                    + f.message();
        }
        if (e instanceof RunEvent.GateReached g) {
            int open = g.checklist().size() - g.alreadyConfirmed().size();
            return "gate \"" + g.name() + "\" reached after " + g.after().label() + ": " + open + " of "
                    + g.checklist().size() + " items to tick in the timeline";
        }
        if (e instanceof RunEvent.GateConfirmed g) {
            return "gate item ticked: " + g.item() + " (" + g.confirmedBy() + ")";
        }
        if (e instanceof RunEvent.BackfillProgress p) {
            return backfill(p);
        }
        if (e instanceof RunEvent.BackfillNote n) {
            return n.message();
        }
        if (e instanceof RunEvent.RunFinished f) {
            return "run " + f.status().label() + " after " + millis(f.duration())
                    + (f.message() == null ? "" : ": " + oneLine(f.message(), 300));
        }
        return null;
    }

    private String backfill(RunEvent.BackfillProgress p) {
        if (!p.stepId().equals(backfillStep)) {
            backfillStep = p.stepId();
            backfillTenthLogged = -1;
            backfillState = null;
        }
        int tenth = p.totalEstimate() > 0 ? (int) Math.min(10, p.rowsDone() * 10 / p.totalEstimate()) : -1;
        boolean newState = !p.state().equals(backfillState);
        boolean newTenth = "running".equals(p.state()) && tenth > backfillTenthLogged;
        if (!newState && !newTenth) {
            return null; // the same state again (paused, waiting) or within the same tenth of the rows
        }
        backfillState = p.state();
        backfillTenthLogged = Math.max(backfillTenthLogged, tenth);
        String of = p.totalEstimate() > 0 ? String.format(Locale.ROOT, " of ~%,d", p.totalEstimate()) : "";
        String rate = Double.isNaN(p.rowsPerSecond()) ? "" : String.format(Locale.ROOT, ", %,.0f rows/s",
                p.rowsPerSecond());
        String p99 = p.batchP99() == null ? "" : ", batch p99 " + millis(p.batchP99());
        return String.format(Locale.ROOT, "backfill %s %s: %,d%s rows%s%s, batch size %,d, %d retries", p.stepId(),
                p.state(), p.rowsDone(), of, rate, p99, p.batchRows(), p.retries());
    }

    static String millis(Duration d) {
        if (d == null) {
            return "?";
        }
        long ms = d.toMillis();
        return ms < 10_000 ? ms + " ms" : String.format(Locale.ROOT, "%.1f s", ms / 1000.0);
    }

    private static String oneLine(String s, int max) {
        if (s == null) {
            return "";
        }
        String t = s.strip().replaceAll("\\s+", " ");
        return t.length() > max ? t.substring(0, max - 1) + "…" : t;
    }
}
