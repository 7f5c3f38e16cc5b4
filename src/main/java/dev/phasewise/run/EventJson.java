package dev.phasewise.run;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.lang.reflect.RecordComponent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Events as JSON objects: {@code {"event": "step-retrying", "run_id": ..., "at": "2026-...Z", ...}}, field
 * names in snake_case, durations as milliseconds ({@code backoff_ms}), instants in ISO-8601, NaN as null.
 * The run_events payload and {@code --format json} both use it.
 */
public final class EventJson {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private EventJson() {
    }

    public static String toJson(RunEvent e) {
        try {
            return MAPPER.writeValueAsString(toMap(e));
        } catch (JsonProcessingException x) {
            throw new IllegalStateException(x);
        }
    }

    public static Map<String, Object> toMap(RunEvent e) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("event", e.kind());
        out.putAll(record((Record) e));
        return out;
    }

    private static Map<String, Object> record(Record r) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (RecordComponent c : r.getClass().getRecordComponents()) {
            Object v;
            try {
                v = c.getAccessor().invoke(r);
            } catch (ReflectiveOperationException x) {
                throw new IllegalStateException(x);
            }
            String name = snake(c.getName());
            if (v instanceof Duration d) {
                out.put(name + "_ms", d.toMillis());
            } else if (c.getType() == Duration.class) {
                out.put(name + "_ms", null);
            } else {
                out.put(name, value(v));
            }
        }
        return out;
    }

    private static Object value(Object v) {
        if (v instanceof Instant i) {
            return i.toString();
        }
        if (v instanceof Enum<?> en) {
            return en.name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
        if (v instanceof Double d && (d.isNaN() || d.isInfinite())) {
            return null;
        }
        if (v instanceof Record r) {
            return record(r);
        }
        if (v instanceof List<?> l) {
            List<Object> out = new ArrayList<>();
            l.forEach(x -> out.add(value(x)));
            return out;
        }
        return v;
    }

    static String snake(String camel) {
        StringBuilder b = new StringBuilder();
        for (char ch : camel.toCharArray()) {
            if (Character.isUpperCase(ch)) {
                b.append('_').append(Character.toLowerCase(ch));
            } else {
                b.append(ch);
            }
        }
        return b.toString();
    }
}
