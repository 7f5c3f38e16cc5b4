package dev.phasewise.plan;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.InvalidTypeIdException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.jsontype.NamedType;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import dev.phasewise.plan.steps.Step;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads and writes {@code *.plan.yaml} (or JSON) plan files. Every error names the file, and
 * the line and column when the parser knows them; a plan is returned only when it has none.
 */
public final class PlanFiles {
    private static final ObjectMapper YAML = configure(new ObjectMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)));
    private static final ObjectMapper JSON = configure(new ObjectMapper());
    /**
     * Writes what the file said, not what the step derives: record fields, not accessors (a step's
     * {@code id()} and {@code title()} fill in defaults that must stay out of the file).
     */
    private static final ObjectMapper WRITER = YAML.copy()
            .setVisibility(PropertyAccessor.ALL, JsonAutoDetect.Visibility.NONE)
            .setVisibility(PropertyAccessor.FIELD, JsonAutoDetect.Visibility.ANY);

    private PlanFiles() {
    }

    private static ObjectMapper configure(ObjectMapper m) {
        m.registerSubtypes(Step.types().toArray(new NamedType[0]));
        return m.setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(SerializationFeature.INDENT_OUTPUT)
                .setDefaultPropertyInclusion(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL);
    }

    public static Plan read(Path file) throws PlanException {
        String text;
        try {
            if (Files.isDirectory(file)) {
                throw new PlanException(List.of(file + ": is a directory, not a plan file"));
            }
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new PlanException(List.of(file + ": no such file"));
        } catch (IOException e) {
            throw new PlanException(List.of(file + ": cannot be read: " + e.getMessage()));
        }
        return parse(file.toString(), text);
    }

    public static Plan parse(String name, String text) throws PlanException {
        if (text.isBlank()) {
            throw new PlanException(List.of(name + ": the plan file is empty"));
        }
        ObjectMapper mapper = text.stripLeading().startsWith("{") ? JSON : YAML;
        Plan plan;
        try {
            plan = mapper.readValue(text, Plan.class);
        } catch (JsonProcessingException e) {
            throw new PlanException(List.of(describe(name, e)));
        }
        if (plan == null) {
            throw new PlanException(List.of(name + ": the plan file holds no plan"));
        }
        List<String> problems = validate(plan).stream().map(p -> name + ": " + p).toList();
        if (!problems.isEmpty()) {
            throw new PlanException(problems);
        }
        return plan;
    }

    /**
     * The plan as plan-file YAML, in the field order of the format; {@link #parse} reads it back to
     * an equal plan. Comments of the file it was read from are not kept.
     */
    public static String toYaml(Plan plan) {
        try {
            return WRITER.writeValueAsString(plan);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write plan " + plan.name() + ": " + e.getOriginalMessage(), e);
        }
    }

    /** Writes the plan to the file through a temporary file beside it, so a failed write never leaves half a plan. */
    public static void write(Path file, Plan plan) throws IOException {
        String text = toYaml(plan);
        Path dir = file.toAbsolutePath().getParent();
        Path tmp = Files.createTempFile(dir, file.getFileName().toString(), ".tmp");
        try {
            Files.writeString(tmp, text, StandardCharsets.UTF_8);
            Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Everything wrong with a plan's content, as sentences. */
    public static List<String> validate(Plan plan) {
        List<String> problems = new ArrayList<>();
        if (plan.version() != Plan.FORMAT_VERSION) {
            problems.add("'version' must be " + Plan.FORMAT_VERSION + " (this Phasewise reads plan format "
                    + Plan.FORMAT_VERSION + "), not " + plan.version());
        }
        if (plan.name() == null || plan.name().isBlank()) {
            problems.add("'name' is required");
        }
        timeout(problems, "'lock_timeout'", plan.lockTimeout());
        timeout(problems, "'statement_timeout'", plan.statementTimeout());
        Set<String> ids = new HashSet<>();
        for (Plan.Placed placed : plan.steps()) {
            Step s = placed.step();
            if (!ids.add(s.id())) {
                problems.add(placed.phase().label() + " step " + s.id() + ": two steps have this id; give one an 'id'");
            }
            timeout(problems, placed.phase().label() + " step " + s.id() + ": 'lock_timeout'", s.lockTimeout());
            timeout(problems, placed.phase().label() + " step " + s.id() + ": 'statement_timeout'",
                    s.statementTimeout());
            for (String p : s.problems()) {
                problems.add(placed.phase().label() + " step " + s.id() + ": " + p);
            }
        }
        if (plan.steps().isEmpty()) {
            problems.add("the plan has no steps");
        }
        return problems;
    }

    private static final java.util.regex.Pattern TIMEOUT =
            java.util.regex.Pattern.compile("\\d+(\\.\\d+)?\\s*(us|ms|s|min|h|d)?");

    /** A PostgreSQL duration setting: a number with an optional unit (us, ms, s, min, h, d); 0 = none. */
    private static void timeout(List<String> problems, String what, String value) {
        if (value != null && !TIMEOUT.matcher(value.strip()).matches()) {
            problems.add(what + " must be a duration such as 500ms, 2s, 30min or 0 (none), not \"" + value + "\"");
        }
    }

    private static String describe(String name, JsonProcessingException e) {
        JsonLocation loc = e.getLocation();
        String where = loc == null || loc.getLineNr() < 0 ? name : name + ":" + loc.getLineNr() + ":" + loc.getColumnNr();
        String message;
        if (e instanceof UnrecognizedPropertyException u) {
            message = "unknown field '" + u.getPropertyName() + "'" + (u.getKnownPropertyIds() == null ? ""
                    : " (known: " + String.join(", ", u.getKnownPropertyIds().stream().map(Object::toString)
                    .sorted().toList()) + ")");
        } else if (e instanceof InvalidTypeIdException t) {
            message = t.getTypeId() == null ? "a step needs a 'kind'" : "unknown step kind '" + t.getTypeId()
                    + "' (kinds: add-column, create-index, drop-index, add-check-constraint, validate-constraint, "
                    + "set-not-null, add-foreign-key, add-unique-constraint, rename-column, change-column-type, "
                    + "swap-column, drop-column, drop-trigger, create-extension, backfill, raw-sql)";
        } else {
            message = e.getOriginalMessage().replaceAll(" \\(token `JsonToken\\.([A-Z_]+)`\\)", "")
                    .replace("`java.lang.String`", "text").replace("Object value", "a mapping (is there an "
                            + "unquoted \": \" in the text?)");
        }
        String path = path(e);
        return where + ": " + (path.isEmpty() ? "" : "at " + path + ": ") + message;
    }

    /** Where in the plan the error is, e.g. phases.contract.gate.checklist[1]. */
    private static String path(JsonProcessingException e) {
        if (!(e instanceof com.fasterxml.jackson.databind.JsonMappingException m)) {
            return "";
        }
        StringBuilder b = new StringBuilder();
        for (var ref : m.getPath()) {
            if (ref.getFieldName() != null) {
                b.append(b.length() == 0 ? "" : ".").append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                b.append('[').append(ref.getIndex()).append(']');
            }
        }
        return b.toString();
    }
}
