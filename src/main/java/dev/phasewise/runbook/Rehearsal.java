package dev.phasewise.runbook;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What a rehearsal run measured, as plain data: the runner writes it, the runbook prints it.
 * Times are ISO-8601 text ({@code 2026-11-20T14:03:11Z}), durations are milliseconds.
 *
 * @param runId         the run's id in the run journal
 * @param startedAt     ISO-8601 instant, or null
 * @param finishedAt    ISO-8601 instant, or null while (or if) unfinished
 * @param database      the database rehearsed on, e.g. {@code app_staging}
 * @param serverVersion the server's version string, e.g. {@code PostgreSQL 17.11}
 * @param tableRows     rows per table on the rehearsal database when the run started (for scaling)
 * @param steps         one timing per step that ran, by plan step id
 */
public record Rehearsal(@JsonProperty("run_id") String runId,
                        @JsonProperty("started_at") String startedAt,
                        @JsonProperty("finished_at") String finishedAt,
                        @JsonProperty("database") String database,
                        @JsonProperty("server_version") String serverVersion,
                        @JsonProperty("table_rows") Map<String, Long> tableRows,
                        @JsonProperty("steps") List<StepTiming> steps) {

    public Rehearsal {
        tableRows = tableRows == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(tableRows));
        steps = steps == null ? List.of() : List.copyOf(steps);
    }

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(SerializationFeature.INDENT_OUTPUT);

    /** The timing of a step, by its plan step id. */
    public Optional<StepTiming> step(String stepId) {
        return steps.stream().filter(s -> stepId.equals(s.stepId())).findFirst();
    }

    /** Reads a rehearsal JSON file; every problem names the file (and line:column when known). */
    public static Rehearsal read(Path file) throws RunbookException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new RunbookException(List.of(file + ": no such file"));
        } catch (IOException e) {
            throw new RunbookException(List.of(file + ": cannot be read: " + e.getMessage()));
        }
        return parse(file.toString(), text);
    }

    public static Rehearsal parse(String name, String text) throws RunbookException {
        Rehearsal r;
        try {
            r = JSON.readValue(text, Rehearsal.class);
        } catch (JsonProcessingException e) {
            var loc = e.getLocation();
            String where = loc == null || loc.getLineNr() < 0 ? name : name + ":" + loc.getLineNr() + ":"
                    + loc.getColumnNr();
            throw new RunbookException(List.of(where + ": not a rehearsal record: " + e.getOriginalMessage()));
        }
        if (r == null) {
            throw new RunbookException(List.of(name + ": the file holds no rehearsal record"));
        }
        for (String at : new String[] {r.startedAt(), r.finishedAt()}) {
            if (at != null) {
                try {
                    OffsetDateTime.parse(at);
                } catch (DateTimeParseException e) {
                    throw new RunbookException(List.of(name + ": '" + at + "' is not an ISO-8601 time "
                            + "(e.g. 2026-11-20T14:03:11Z)"));
                }
            }
        }
        return r;
    }

    /** The record as JSON, in the shape {@link #parse} reads. */
    public String toJson() {
        try {
            return JSON.writeValueAsString(this) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
