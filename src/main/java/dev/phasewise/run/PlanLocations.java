package dev.phasewise.run;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/**
 * Where each step stands in a plan file: "phase/index" to its line, read from the YAML (or JSON) parser's
 * token locations, so that a pre-flight problem can name file:line as a parse error does.
 */
final class PlanLocations {
    private final Map<String, Integer> lines;

    private PlanLocations(Map<String, Integer> lines) {
        this.lines = lines;
    }

    static PlanLocations none() {
        return new PlanLocations(Map.of());
    }

    static PlanLocations of(String text) {
        Map<String, Integer> out = new HashMap<>();
        boolean json = text.stripLeading().startsWith("{");
        try (JsonParser p = (json ? new ObjectMapper().getFactory() : new YAMLFactory()).createParser(text)) {
            Deque<String> path = new ArrayDeque<>();
            Deque<int[]> arrayIndex = new ArrayDeque<>();
            String field = null;
            JsonToken t;
            while ((t = p.nextToken()) != null) {
                switch (t) {
                    case FIELD_NAME -> field = p.currentName();
                    case START_OBJECT, START_ARRAY -> {
                        String name;
                        if (!arrayIndex.isEmpty() && arrayIndex.peek()[0] >= 0 && field == null) {
                            name = "[" + arrayIndex.peek()[0]++ + "]";
                        } else {
                            name = field == null ? "" : field;
                        }
                        path.push(name);
                        if (t == JsonToken.START_OBJECT && path.size() == 5 && path.toArray()[1].equals("steps")) {
                            Object[] parts = path.toArray();
                            String idx = ((String) parts[0]).replaceAll("[\\[\\]]", "");
                            out.put(parts[2] + "/" + idx, p.currentTokenLocation().getLineNr());
                        }
                        arrayIndex.push(new int[] {t == JsonToken.START_ARRAY ? 0 : -1});
                        field = null;
                    }
                    case END_OBJECT, END_ARRAY -> {
                        path.pop();
                        arrayIndex.pop();
                        field = null;
                    }
                    default -> {
                        if (!arrayIndex.isEmpty() && arrayIndex.peek()[0] >= 0 && field == null) {
                            arrayIndex.peek()[0]++;
                        }
                        field = null;
                    }
                }
            }
        } catch (IOException e) {
            return none();
        }
        return new PlanLocations(out);
    }

    /** The line of the {@code index}th step of {@code phase}, or -1. */
    int line(String phase, int index) {
        return lines.getOrDefault(phase + "/" + index, -1);
    }
}
