package dev.phasewise.cli;

import dev.phasewise.plan.Gate;
import dev.phasewise.plan.Phase;
import dev.phasewise.run.ActionRecord;
import dev.phasewise.run.EventJson;
import dev.phasewise.run.GateHandler;
import dev.phasewise.run.RunEvent;
import dev.phasewise.run.RunResult;
import me.tongfei.progressbar.DelegatingProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * What {@code phasewise run} and {@code resume} print. Text: one line per event and, on a terminal, a
 * progress bar (me.tongfei:progressbar) kept on the last line, counting actions, with the backfill's
 * figures as its message; then a summary table. Without a terminal (a CI log, a pipe) there is no bar: a
 * backfill prints a progress line when its state changes (starting, running, paused, waiting, done ...) and,
 * while it runs, at most one every {@link #LOG_INTERVAL} (by the events' own clock), never the same line twice
 * in a row; the final line (done, cancelled, failed) always. JSON: one event per line, nothing else on
 * standard output.
 */
final class RunConsole implements Consumer<RunEvent>, AutoCloseable {
    /** Without a terminal: how often a running backfill prints a progress line. */
    static final Duration LOG_INTERVAL = Duration.ofSeconds(5);

    private final PrintWriter out;
    private final boolean json;
    private final boolean terminal;
    private final Duration logInterval;
    private ProgressBar bar;
    private String lastBar = "";
    private final Object lock = new Object();
    /** The last backfill progress line printed, its state and its event's time (runner's thread only). */
    private String lastProgressLine;
    private String lastProgressState;
    private Instant lastProgressAt;

    RunConsole(PrintWriter out, boolean json, boolean terminal) {
        this(out, json, terminal, LOG_INTERVAL);
    }

    RunConsole(PrintWriter out, boolean json, boolean terminal, Duration logInterval) {
        this.out = out;
        this.json = json;
        this.terminal = terminal && !json;
        this.logInterval = logInterval;
    }

    @Override
    public void accept(RunEvent e) {
        if (json) {
            out.println(EventJson.toJson(e));
            out.flush();
            return;
        }
        if (e instanceof RunEvent.RunStarted s && terminal) {
            bar = new ProgressBarBuilder().setTaskName("run").setInitialMax(s.actions()).setStyle(ProgressBarStyle.ASCII)
                    .setUpdateIntervalMillis(200).setConsumer(new DelegatingProgressBarConsumer(this::drawBar, 100))
                    .build();
        }
        String line = e instanceof RunEvent.BackfillProgress p ? progressLine(p) : line(e);
        if (line != null) {
            print(line);
        }
        if (bar != null) {
            if (e instanceof RunEvent.StepFinished f) {
                bar.setExtraMessage("");
                bar.stepTo(Math.min(bar.getMax(), bar.getCurrent() + 1));
            } else if (e instanceof RunEvent.StepStarted s) {
                bar.setExtraMessage(s.stepId());
            } else if (e instanceof RunEvent.BackfillProgress p) {
                bar.setExtraMessage(backfill(p));
            } else if (e instanceof RunEvent.RunFinished) {
                bar.close();
                bar = null;
                clearBar();
            }
        }
    }

    /**
     * The line to print for a backfill's progress, or null. The engine repeats its last figures about 20 times
     * a second between batches (and while starting, paused or waiting): a change of state prints, a repeat of
     * the same line never does, and a running backfill prints on a terminal's bar only, in a log every
     * {@link #logInterval}.
     */
    private String progressLine(RunEvent.BackfillProgress p) {
        boolean running = "running".equals(p.state());
        String text = "  " + backfill(p) + (running ? "" : " (" + p.state() + ")");
        boolean changed = !p.state().equals(lastProgressState);
        if (!changed) {
            if (text.equals(lastProgressLine) || running && (terminal || lastProgressAt != null
                    && Duration.between(lastProgressAt, p.at()).compareTo(logInterval) < 0)) {
                return null;
            }
        } else if (running && terminal) {
            lastProgressState = p.state();
            return null; // the bar shows it
        }
        lastProgressLine = text;
        lastProgressState = p.state();
        lastProgressAt = p.at();
        return text;
    }

    private void drawBar(String rendered) {
        synchronized (lock) {
            lastBar = rendered;
            out.print("\r" + rendered + "\033[K");
            out.flush();
        }
    }

    private void clearBar() {
        synchronized (lock) {
            out.print("\r\033[K");
            lastBar = "";
            out.flush();
        }
    }

    private void print(String line) {
        synchronized (lock) {
            if (terminal && !lastBar.isEmpty()) {
                out.print("\r\033[K");
            }
            out.println(line);
            if (terminal && !lastBar.isEmpty()) {
                out.print(lastBar);
            }
            out.flush();
        }
    }

    /** Holds the bar while a person answers a prompt. */
    void quiet(Runnable r) {
        synchronized (lock) {
            if (bar != null) {
                bar.pause();
            }
            if (terminal) {
                out.print("\r\033[K");
                out.flush();
            }
            r.run();
            if (bar != null) {
                bar.resume();
            }
        }
    }

    static String seconds(Duration d) {
        if (d == null) {
            return "-";
        }
        long ms = d.toMillis();
        if (ms < 1000) {
            return ms + " ms";
        }
        if (ms < 60_000) {
            return String.format(Locale.ROOT, "%.1f s", ms / 1000.0);
        }
        return (ms / 60_000) + " min " + (ms / 1000 % 60) + " s";
    }

    private static String backfill(RunEvent.BackfillProgress p) {
        String pct = p.totalEstimate() > 0 ? String.format(Locale.ROOT, "%.0f %% ", 100.0 * p.rowsDone()
                / p.totalEstimate()) : "";
        String rate = Double.isNaN(p.rowsPerSecond()) ? "" : String.format(Locale.ROOT, " · %,.0f rows/s",
                p.rowsPerSecond());
        String eta = p.eta() == null || p.eta().isZero() ? "" : " · ETA " + seconds(p.eta());
        // the engine repeats its figures between batches with the clock moved on: a batch that hangs shows here
        String stalled = p.sinceCommit() != null && p.sinceCommit().toMillis() >= 1000 && "running".equals(p.state())
                ? " · last commit " + seconds(p.sinceCommit()) + " ago" : "";
        return "backfill " + pct + String.format(Locale.ROOT, "%,d rows", p.rowsDone()) + rate + eta + stalled;
    }

    static String line(RunEvent e) {
        if (e instanceof RunEvent.RunStarted s) {
            return (s.resumed() ? "Resuming run " : "Run ") + s.runId() + ": " + s.planName() + " on \"" + s.database()
                    + "\" (" + s.steps() + " steps, " + s.actions() + " actions)";
        }
        if (e instanceof RunEvent.StepStarted s) {
            return "> " + s.phase().label() + " " + s.actionId() + (s.attempt() > 1 ? " (attempt " + s.attempt() + ")"
                    : "") + (s.transactional() ? "" : " [outside a transaction]");
        }
        if (e instanceof RunEvent.StepRetrying r) {
            return "  retry in " + seconds(r.backoff()) + " after attempt " + r.attempt() + ": " + r.reason();
        }
        if (e instanceof RunEvent.StepBlocked b) {
            List<String> who = new ArrayList<>();
            for (RunEvent.Blocker x : b.blockers()) {
                who.add("pid " + x.pid() + " (" + (x.application() == null || x.application().isEmpty() ? "?"
                        : x.application()) + ", " + x.state() + ", transaction open " + seconds(x.transactionAge())
                        + "): " + oneLine(x.query()));
            }
            return "  waiting for a lock, blocked by " + String.join("; ", who);
        }
        if (e instanceof RunEvent.BlockersCancelled c) {
            return "  cancelled the statements of blocking sessions: " + String.join(", ", c.cancelled().stream()
                    .map(b -> "pid " + b.pid() + " (" + oneLine(b.query()) + ")").toList());
        }
        if (e instanceof RunEvent.InvalidIndexCleaned i) {
            return "  invalid index " + i.index() + " left by a failed concurrent build was dropped (" + i.cause() + ")";
        }
        if (e instanceof RunEvent.StepVerified v) {
            return v.verified() ? "  verified: " + v.result() : "  " + v.result();
        }
        if (e instanceof RunEvent.StepFinished f) {
            return "  done " + f.stepId() + " in " + seconds(f.duration()) + (f.skipped() ? " (verified as already done)"
                    : "");
        }
        if (e instanceof RunEvent.StepSkipped k) {
            return "  skipped " + k.stepId() + ": " + k.reason();
        }
        if (e instanceof RunEvent.BackfillNote n) {
            return "  " + n.message();
        }
        if (e instanceof RunEvent.StepFailed f) {
            return (f.cancelled() ? "  cancelled " : "  FAILED ") + f.stepId() + (f.actionId() == null ? "" : " at "
                    + f.actionId()) + ": " + f.message();
        }
        if (e instanceof RunEvent.GateReached g) {
            return "Gate after " + g.after().label() + ": " + g.name();
        }
        if (e instanceof RunEvent.GateConfirmed g) {
            return "  [x] " + g.item() + " (" + g.confirmedBy() + ")";
        }
        if (e instanceof RunEvent.RunFinished f) {
            return "Run " + f.runId() + " " + f.status().label() + " after " + seconds(f.duration())
                    + (f.message() == null ? "" : ": " + f.message());
        }
        if (e instanceof RunEvent.BackfillProgress p && !"running".equals(p.state())) {
            return "  " + backfill(p) + " (" + p.state() + ")";
        }
        return null; // backfill progress while it runs: on the bar only
    }

    private static String oneLine(String s) {
        if (s == null) {
            return "";
        }
        String t = s.strip().replaceAll("\\s+", " ");
        return t.length() > 70 ? t.substring(0, 67) + "..." : t;
    }

    /** The summary: one row per step. */
    void summary(RunResult r) {
        if (json) {
            return;
        }
        Map<String, List<ActionRecord>> steps = new LinkedHashMap<>();
        r.actions().forEach(a -> steps.computeIfAbsent(a.stepId(), k -> new ArrayList<>()).add(a));
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"step", "status", "attempts", "duration", "verified"});
        for (Map.Entry<String, List<ActionRecord>> s : steps.entrySet()) {
            List<ActionRecord> as = s.getValue();
            String status = as.stream().anyMatch(a -> a.status().label().equals("failed")) ? "failed"
                    : as.stream().anyMatch(a -> a.status().label().equals("running")) ? "running"
                    : as.stream().allMatch(a -> a.status().label().equals("skipped")) ? "skipped"
                    : as.stream().allMatch(a -> a.status().label().equals("done") || a.status().label().equals("skipped"))
                    ? "done" : "pending";
            int attempts = as.stream().mapToInt(ActionRecord::attempts).max().orElse(0);
            long ms = as.stream().mapToLong(a -> a.durationMs() == null ? 0 : a.durationMs()).sum();
            ActionRecord first = as.get(0);
            String verified = first.verificationResult() == null ? "-" : first.verified() == null
                    ? "no verification query" : first.verified() ? "yes" : "NO";
            rows.add(new String[] {s.getKey(), status, Integer.toString(attempts), seconds(Duration.ofMillis(ms)),
                    verified});
        }
        int[] w = new int[5];
        rows.forEach(row -> {
            for (int i = 0; i < 5; i++) {
                w[i] = Math.max(w[i], row[i].length());
            }
        });
        out.println();
        for (String[] row : rows) {
            out.println(String.format(Locale.ROOT, "%-" + w[0] + "s  %-" + w[1] + "s  %" + w[2] + "s  %" + w[3] + "s  %s",
                    (Object[]) row).stripTrailing());
        }
        out.flush();
    }

    /** Asks on the terminal; without one, stops at the gate (CI passes --confirm-gates). */
    GateHandler interactiveGates(BufferedReader in, String who) {
        return (Phase after, Gate gate, String item) -> {
            if (in == null) {
                print("  [ ] " + item + " (not confirmed: no terminal to ask; pass --confirm-gates to confirm in CI)");
                return Optional.empty();
            }
            String[] answer = new String[1];
            quiet(() -> {
                out.print("  Confirm: " + item + " [y/N] ");
                out.flush();
                try {
                    answer[0] = in.readLine();
                } catch (IOException e) {
                    answer[0] = null;
                }
            });
            boolean yes = answer[0] != null && answer[0].strip().toLowerCase(Locale.ROOT).matches("y|yes");
            return yes ? Optional.of(who + " (interactive)") : Optional.empty();
        };
    }

    @Override
    public void close() {
        if (bar != null) {
            bar.close();
            bar = null;
            clearBar();
        }
    }
}
