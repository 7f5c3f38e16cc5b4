package dev.phasewise.run;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.cfg.MapperConfig;
import com.fasterxml.jackson.databind.introspect.AnnotatedField;
import com.fasterxml.jackson.databind.introspect.AnnotatedMember;
import com.fasterxml.jackson.databind.introspect.AnnotatedMethod;
import com.fasterxml.jackson.databind.introspect.AnnotatedParameter;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.jsontype.NamedType;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.phasewise.run.backfill.BackfillProgress;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The one JSON model of {@link RunEvent}s, for writing and for reading: the {@code run_events} payload, its
 * {@code kind} column and {@code --format json} all come from here, so a writer and a reader cannot disagree
 * on a name. An event is {@code {"event": "step-retrying", "run_id": ..., "at": "2026-...Z", ...}}: the kind
 * first ({@link #kind}), then the record's components in snake_case (Jackson's
 * {@link PropertyNamingStrategies#SNAKE_CASE}), durations as milliseconds under a name ending in {@code _ms}
 * ({@code backoff_ms}), instants in ISO-8601, enums by their label ({@code waiting-at-gate}), NaN as null.
 *
 * <p>Reading ignores fields it does not know and leaves missing ones at null / 0 / NaN, so rows written by an
 * older Phasewise (the same shape, fewer fields) read back, and so do a newer one's as far as they go.
 */
public final class EventJson {
    private static final ObjectMapper MAPPER = mapper();

    private EventJson() {
    }

    /**
     * The kind of an event class: its simple name in kebab case ({@code StepRetrying} → {@code step-retrying}).
     * Jackson's type id and the {@code run_events.kind} column are both this.
     */
    public static String kind(Class<? extends RunEvent> type) {
        String n = type.getSimpleName();
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < n.length(); i++) {
            char c = n.charAt(i);
            if (Character.isUpperCase(c) && i > 0) {
                b.append('-');
            }
            b.append(Character.toLowerCase(c));
        }
        return b.toString();
    }

    public static String toJson(RunEvent e) {
        try {
            return MAPPER.writeValueAsString(e);
        } catch (JsonProcessingException x) {
            throw new IllegalStateException(x);
        }
    }

    /**
     * The line {@code phasewise backfill --format json} writes for the engine's progress of a job: the figures of
     * a run's {@link RunEvent.BackfillProgress} under the same names (so a reader of either knows both), with
     * {@code "event": "progress"} and the job in place of the run's identity ({@code run_id}, {@code at},
     * {@code step_id}), then what only the engine knows of the job: {@code batch_p50_ms}, {@code workers} and,
     * while it waits, {@code wait_reason}. docs/backfill.md, "Progress in JSON", lists the fields.
     */
    public static String progressLine(BackfillProgress p) {
        ObjectNode line = MAPPER.createObjectNode().put("event", "progress").put("job", p.jobId());
        ObjectNode figures = MAPPER.valueToTree(RunEvent.BackfillProgress.of(null, null, null, p));
        figures.remove(List.of("event", "run_id", "at", "step_id"));
        line.setAll(figures);
        line.put("batch_p50_ms", p.p50Millis()).put("workers", p.workers());
        if (p.waitReason() != null) {
            line.put("wait_reason", p.waitReason());
        }
        return line.toString();
    }

    /**
     * An event read back from its JSON; empty when the JSON is not an event this version knows (a kind a newer
     * Phasewise added, or a damaged row), which a reader of the log skips.
     */
    public static Optional<RunEvent> fromJson(String json) {
        try {
            return Optional.of(MAPPER.readValue(json, RunEvent.class));
        } catch (JsonProcessingException x) {
            return Optional.empty();
        }
    }

    private static ObjectMapper mapper() {
        SimpleModule values = new SimpleModule("phasewise-run-events");
        values.addSerializer(Duration.class, new JsonSerializer<>() {
            @Override
            public void serialize(Duration d, JsonGenerator g, SerializerProvider p) throws IOException {
                g.writeNumber(d.toMillis());
            }
        });
        values.addDeserializer(Duration.class, new JsonDeserializer<>() {
            @Override
            public Duration deserialize(JsonParser p, DeserializationContext c) throws IOException {
                return Duration.ofMillis(p.getValueAsLong());
            }
        });
        values.addSerializer(Instant.class, new JsonSerializer<>() {
            @Override
            public void serialize(Instant i, JsonGenerator g, SerializerProvider p) throws IOException {
                g.writeString(i.toString());
            }
        });
        values.addDeserializer(Instant.class, new JsonDeserializer<>() {
            @Override
            public Instant deserialize(JsonParser p, DeserializationContext c) throws IOException {
                return Instant.parse(p.getValueAsString());
            }
        });
        // JSON has no NaN (jsonb refuses it): an unknown rate is null, and reads back as NaN
        JsonSerializer<Double> finite = new JsonSerializer<>() {
            @Override
            public void serialize(Double d, JsonGenerator g, SerializerProvider p) throws IOException {
                if (d.isNaN() || d.isInfinite()) {
                    g.writeNull();
                } else {
                    g.writeNumber(d);
                }
            }
        };
        values.addSerializer(Double.class, finite);
        values.addSerializer(double.class, finite);
        JsonDeserializer<Double> orNaN = new JsonDeserializer<>() {
            @Override
            public Double deserialize(JsonParser p, DeserializationContext c) throws IOException {
                return p.currentToken() == JsonToken.VALUE_NULL ? Double.NaN : p.getValueAsDouble();
            }

            @Override
            public Double getNullValue(DeserializationContext c) {
                return Double.NaN;
            }

            @Override
            public Object getAbsentValue(DeserializationContext c) {
                return Double.NaN;
            }
        };
        values.addDeserializer(Double.class, orNaN);
        values.addDeserializer(double.class, orNaN);
        for (Class<?> type : RunEvent.class.getPermittedSubclasses()) {
            @SuppressWarnings("unchecked")
            Class<? extends RunEvent> event = (Class<? extends RunEvent>) type;
            values.registerSubtypes(new NamedType(event, kind(event)));
        }
        return JsonMapper.builder()
                .propertyNamingStrategy(new MillisSnakeCase())
                .addModule(values)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .disable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
                .build();
    }

    /** snake_case, and a {@link Duration} is named for its unit: {@code backoff} → {@code backoff_ms}. */
    private static final class MillisSnakeCase extends PropertyNamingStrategies.SnakeCaseStrategy {
        @Override
        public String nameForField(MapperConfig<?> config, AnnotatedField field, String name) {
            return named(field, name);
        }

        @Override
        public String nameForGetterMethod(MapperConfig<?> config, AnnotatedMethod method, String name) {
            return named(method, name);
        }

        @Override
        public String nameForSetterMethod(MapperConfig<?> config, AnnotatedMethod method, String name) {
            return named(method, name);
        }

        @Override
        public String nameForConstructorParameter(MapperConfig<?> config, AnnotatedParameter param, String name) {
            return named(param, name);
        }

        private String named(AnnotatedMember member, String name) {
            String snake = translate(name);
            return member.getRawType() == Duration.class ? snake + "_ms" : snake;
        }
    }
}
