package dev.phasewise.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.phasewise.db.Database;
import dev.phasewise.db.DatabaseException;
import dev.phasewise.run.RunRecord;
import dev.phasewise.run.RunStatus;
import dev.phasewise.run.RunStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code phasewise runs --url URL}: the runs recorded in a database, newest first. Reads only. */
@Command(name = "runs", mixinStandardHelpOptions = true,
        description = "List the runs recorded in a database (schema phasewise), newest first, with their status "
                + "(interrupted: marked running, but its runner is gone; resumable).")
final class RunsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ConnectionOptions connection;

    @Option(names = "--format", defaultValue = "text", paramLabel = "FORMAT", description = "text or json")
    String format;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        List<RunRecord> runs;
        try (Database db = connection.open(err)) {
            runs = new RunStore(db, Duration.ofSeconds(10)).runs();
        } catch (DatabaseException e) {
            err.println("phasewise runs: " + e.getMessage());
            return Main.INPUT_ERROR;
        }
        if (format.equals("json")) {
            List<Map<String, Object>> rows = new ArrayList<>();
            for (RunRecord r : runs) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("run_id", r.runId());
                m.put("plan", r.planName());
                m.put("plan_file", r.planFile());
                m.put("status", r.status().label());
                m.put("resumable", r.status().resumable());
                m.put("started_at", String.valueOf(r.startedAt()));
                m.put("finished_at", r.finishedAt() == null ? null : r.finishedAt().toString());
                m.put("host", r.host());
                m.put("user", r.user());
                m.put("message", r.message());
                rows.add(m);
            }
            out.println(new ObjectMapper().writeValueAsString(Map.of("runs", rows)));
            return Main.OK;
        }
        if (runs.isEmpty()) {
            out.println("no runs recorded in this database");
            return Main.OK;
        }
        out.println(String.format(Locale.ROOT, "%-36s  %-15s  %-20s  %-20s  %s", "run", "status", "started", "finished",
                "plan"));
        for (RunRecord r : runs) {
            out.println(String.format(Locale.ROOT, "%-36s  %-15s  %-20s  %-20s  %s", r.runId(), r.status().label(),
                    time(r.startedAt()), time(r.finishedAt()), r.planName() + " (" + r.user() + "@" + r.host() + ")"));
        }
        if (runs.stream().anyMatch(r -> r.status() == RunStatus.INTERRUPTED)) {
            out.println();
            out.println("interrupted: marked running, but no runner holds the run's lock (its process was killed or"
                    + " its machine lost); continue it with: phasewise resume RUN_ID --url ...");
        }
        return Main.OK;
    }

    private static String time(Instant i) {
        return i == null ? "-" : i.truncatedTo(ChronoUnit.SECONDS).toString();
    }
}
