package dev.phasewise.plan;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.PropertyAccessor;
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
import dev.phasewise.analysis.SourceFiles;
import dev.phasewise.plan.steps.Step;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

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
    private static final ObjectMapper WRITER = writer();

    /**
     * Writes fields in record order, and a step's kind as the format's {@code kind:} key: YAML's native
     * type tags ({@code !<raw-sql>}) would read back, but are not the documented format.
     */
    private static ObjectMapper writer() {
        ObjectMapper w = YAML.copy()
                .setVisibility(PropertyAccessor.ALL, JsonAutoDetect.Visibility.NONE)
                .setVisibility(PropertyAccessor.FIELD, JsonAutoDetect.Visibility.ANY);
        ((YAMLFactory) w.getFactory()).disable(YAMLGenerator.Feature.USE_NATIVE_TYPE_ID);
        return w;
    }

    private PlanFiles() {
    }

    private static ObjectMapper configure(ObjectMapper m) {
        m.registerSubtypes(Step.types().toArray(new NamedType[0]));
        return m.setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(SerializationFeature.INDENT_OUTPUT)
                .setDefaultPropertyInclusion(JsonInclude.Include.NON_NULL);
    }

    public static Plan read(Path file) throws PlanException {
        if (Files.isDirectory(file)) {
            throw new PlanException(List.of(file + ": is a directory, not a plan file"));
        }
        SourceFiles.Loaded loaded = SourceFiles.read(file);
        if (loaded.text() == null) {
            throw new PlanException(List.of(file + ": " + (loaded.problem().startsWith("is a binary file")
                    ? "is a binary file (it contains NUL bytes), not a plan: a plan file is YAML text (see "
                    + "docs/plan-format.md)" : loaded.problem())));
        }
        if (loaded.problem() != null) {
            // read with replacement characters, the plan would run with text nobody wrote
            throw new PlanException(List.of(file + ":" + loaded.problemLine() + ": "
                    + loaded.problem().replace("; invalid bytes were replaced", "")
                    + ": a plan file is UTF-8 text; save it as UTF-8"));
        }
        return parse(file.toString(), loaded.text());
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
            throw new PlanException(List.of(PlanFileErrors.describe(name, text, mapper, e)));
        }
        if (plan == null) {
            throw new PlanException(List.of(name + ": the plan file holds no plan"));
        }
        List<String> problems = validate(plan, name, StepLocations.read(mapper, text));
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
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Everything wrong with a plan's content, as sentences. */
    public static List<String> validate(Plan plan) {
        return validate(plan, null, StepLocations.none());
    }

    /**
     * Everything wrong with a plan's content; with a file name, each sentence starts with the file and, for a
     * step, the line and column where the step starts.
     */
    private static List<String> validate(Plan plan, String file, StepLocations at) {
        List<String> problems = new ArrayList<>();
        String prefix = file == null ? "" : file + ": ";
        if (plan.version() != Plan.FORMAT_VERSION) {
            problems.add(prefix + "'version' must be " + Plan.FORMAT_VERSION + " (this Phasewise reads plan format "
                    + Plan.FORMAT_VERSION + "), not " + plan.version());
        }
        if (plan.name() == null || plan.name().isBlank()) {
            problems.add(prefix + "'name' is required: add a line such as name: Add Article.summary");
        }
        timeout(problems, prefix + "'lock_timeout'", plan.lockTimeout());
        timeout(problems, prefix + "'statement_timeout'", plan.statementTimeout());
        Set<String> ids = new HashSet<>();
        for (Phase phase : Phase.inOrder()) {
            List<Step> steps = plan.phase(phase).steps();
            for (int i = 0; i < steps.size(); i++) {
                Step s = steps.get(i);
                String where = file == null ? "" : at.where(file, phase, i) + ": ";
                List<String> own = s.problems();
                boolean knownId = hasTrustworthyId(s, own);
                String label = phase.label() + " step " + (knownId ? s.id() : (i + 1) + " (" + s.kind() + ")");
                if (knownId && !ids.add(s.id())) {
                    problems.add(where + label + ": two steps have this id; give one an 'id'");
                }
                timeout(problems, where + label + ": 'lock_timeout'", s.lockTimeout());
                timeout(problems, where + label + ": 'statement_timeout'", s.statementTimeout());
                for (String p : own) {
                    // a label by position names the kind already
                    String said = !knownId && p.startsWith(s.kind() + ": ") ? p.substring(s.kind().length() + 2) : p;
                    problems.add(where + label + ": " + said);
                }
            }
        }
        if (plan.steps().isEmpty()) {
            problems.add(prefix + "the plan has no steps");
        }
        return problems;
    }

    /**
     * A step is named by its id when that is trustworthy (given in the file, or derived from settings that are
     * all there), else by its position and kind: an id derived from a missing field reads "add-column-t-null".
     */
    private static boolean hasTrustworthyId(Step s, List<String> problems) {
        boolean given = !WRITER.valueToTree(s).path("id").asText("").isBlank();
        return given || problems.stream().noneMatch(p -> p.contains("' is required"));
    }

    private static final Pattern TIMEOUT =
            Pattern.compile("\\d+(\\.\\d+)?\\s*(us|ms|s|min|h|d)?");

    /** A PostgreSQL duration setting: a number with an optional unit (us, ms, s, min, h, d); 0 = none. */
    private static void timeout(List<String> problems, String what, String value) {
        if (value != null && !TIMEOUT.matcher(value.strip()).matches()) {
            problems.add(what + " must be a duration such as 500ms, 2s, 30min or 0 (none), not \"" + value + "\"");
        }
    }
}
