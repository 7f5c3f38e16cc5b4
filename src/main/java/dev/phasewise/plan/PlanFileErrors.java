package dev.phasewise.plan;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.InvalidTypeIdException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;

import java.util.Arrays;
import java.util.Collection;
import java.util.Locale;
import java.util.Map;

/**
 * Says what is wrong with a plan file that the YAML or JSON parser rejected, in the plan format's words:
 * the file, line and column, which field, and what to write there. The parser's own messages name Java
 * types and SnakeYAML's states ({@code Cannot construct instance of java.util.ArrayList}, {@code expected
 * <block end>}); none of that reaches the user, and the file's content is never echoed.
 */
final class PlanFileErrors {
    static final String KINDS = "add-column, create-index, drop-index, add-check-constraint, validate-constraint, "
            + "set-not-null, add-foreign-key, add-unique-constraint, rename-column, change-column-type, "
            + "swap-column, drop-column, drop-trigger, create-extension, backfill, raw-sql";

    private PlanFileErrors() {
    }

    static String describe(String name, String text, ObjectMapper mapper, JsonProcessingException e) {
        YAMLException snake = snakeYamlCause(e);
        if (snake instanceof MarkedYAMLException yaml) {
            return yaml(name, yaml);
        }
        JsonLocation loc = e.getLocation();
        String where = loc == null || loc.getLineNr() < 0 ? name : name + ":" + loc.getLineNr() + ":" + loc.getColumnNr();
        if (snake != null) {
            YAMLException unmarked = snake;
            return where + ": " + (String.valueOf(unmarked.getMessage()).contains("special characters")
                    ? "a control character YAML does not allow: a plan file is plain text"
                    : "this is not valid YAML: check the indentation and quoting of this line");
        }
        String path = path(e);
        if (path.isEmpty() && e instanceof MismatchedInputException m && m.getTargetType() == Plan.class) {
            return where + ": " + notAPlan(name);
        }
        String message = message(e, text, mapper, path);
        return where + ": " + (path.isEmpty() ? "" : "at " + path + ": ") + message;
    }

    /** The YAML parser's own error, however deep the data binder wrapped it; null for other errors. */
    private static YAMLException snakeYamlCause(Throwable e) {
        for (Throwable t = e; t != null && t.getCause() != t; t = t.getCause()) {
            if (t instanceof YAMLException y) {
                return y;
            }
        }
        return null;
    }

    /** A file that holds text, a list or SQL where a plan's mapping of fields was expected. */
    static String notAPlan(String name) {
        String hint = name.toLowerCase(Locale.ROOT).endsWith(".sql")
                ? "; this looks like SQL: run `phasewise lint " + name + "` to analyse it" : "";
        return "this is not a plan file: a plan is YAML with 'version: 1', 'name' and 'phases' (see "
                + "docs/plan-format.md)" + hint;
    }

    private static String message(JsonProcessingException e, String text, ObjectMapper mapper, String path) {
        String field = lastField(e);
        if (e instanceof UnrecognizedPropertyException u) {
            return "unknown field '" + u.getPropertyName() + "'" + (u.getKnownPropertyIds() == null ? ""
                    : " (known: " + String.join(", ", u.getKnownPropertyIds().stream().map(Object::toString)
                    .sorted().toList()) + ")");
        }
        if (e instanceof InvalidTypeIdException t) {
            return t.getTypeId() == null ? "a step needs a 'kind' (one of: " + KINDS + ")"
                    : "unknown step kind '" + t.getTypeId() + "' (kinds: " + KINDS + ")";
        }
        if (e instanceof ValueInstantiationException v && v.getCause() instanceof IllegalArgumentException iae
                && iae.getMessage() != null) {
            return iae.getMessage();
        }
        if (e instanceof MismatchedInputException m && m.getTargetType() != null) {
            if (m.getTargetType() == Phase.class && m instanceof InvalidFormatException f) {
                return "unknown phase '" + f.getValue() + "': the phases are expand, backfill and contract";
            }
            return wrongShape(m.getTargetType(), field, valueAt(text, mapper, e));
        }
        return "this value does not fit the plan format here: check its indentation and quoting (see "
                + "docs/plan-format.md)";
    }

    /** What to write when a value has the wrong shape: text where a list belongs, a list where text does. */
    private static String wrongShape(Class<?> target, String field, JsonNode given) {
        String f = field == null ? "this value" : "'" + field + "'";
        String key = field == null ? "field" : field;
        String scalar = given != null && given.isValueNode() ? given.asText() : null;
        if ((Collection.class.isAssignableFrom(target) || target.isArray()) && "steps".equals(field)) {
            return "'steps' must be a list of steps, each starting with '- kind: ...' on its own line";
        }
        if (Collection.class.isAssignableFrom(target) || target.isArray()) {
            String example = scalar != null && !scalar.isBlank() ? scalar : "...";
            return f + " must be a list, e.g. " + key + ": [" + example + "]";
        }
        if (target == String.class) {
            return f + " must be text, e.g. " + key + ": \"...\"" + (given != null && given.isObject()
                    ? " (a ': ' in unquoted text makes it a mapping: put the text in quotes)" : "");
        }
        if (target == int.class || target == Integer.class || target == long.class || target == Long.class) {
            return f + " must be a whole number, e.g. " + key + ": " + ("version".equals(field) ? "1" : "5000");
        }
        if (target == double.class || target == Double.class || target == float.class || target == Float.class) {
            return f + " must be a number, e.g. " + key + ": 1.5";
        }
        if (target == boolean.class || target == Boolean.class) {
            return f + " must be true or false";
        }
        if (target.isEnum()) {
            return f + " must be one of: " + String.join(", ", Arrays.stream(target.getEnumConstants())
                    .map(c -> c.toString().toLowerCase(Locale.ROOT)).toList());
        }
        if (Map.class.isAssignableFrom(target) || target.isRecord() || target.isInterface()) {
            return f + " must be a mapping: one 'field: value' per line, indented under " + key + ":";
        }
        return f + " has the wrong form here (see docs/plan-format.md)";
    }

    /** The value the parser stopped at, read again from the file as a tree (null when it cannot be found). */
    private static JsonNode valueAt(String text, ObjectMapper mapper, JsonProcessingException e) {
        if (!(e instanceof JsonMappingException m)) {
            return null;
        }
        try {
            StringBuilder pointer = new StringBuilder();
            for (var ref : m.getPath()) {
                if (ref.getFieldName() != null) {
                    pointer.append('/').append(ref.getFieldName().replace("~", "~0").replace("/", "~1"));
                } else if (ref.getIndex() >= 0) {
                    pointer.append('/').append(ref.getIndex());
                }
            }
            JsonNode node = mapper.readTree(text).at(JsonPointer.compile(pointer.toString()));
            return node.isMissingNode() ? null : node;
        } catch (Exception notReadable) {
            return null;
        }
    }

    private static String lastField(JsonProcessingException e) {
        if (!(e instanceof JsonMappingException m)) {
            return null;
        }
        String field = null;
        for (var ref : m.getPath()) {
            if (ref.getFieldName() != null) {
                field = ref.getFieldName();
            }
        }
        return field;
    }

    /** Where in the plan the error is, e.g. phases.contract.gate.checklist[1]. */
    private static String path(JsonProcessingException e) {
        if (!(e instanceof JsonMappingException m)) {
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

    /** Malformed YAML: SnakeYAML's problem, at its place, said as what to fix. */
    private static String yaml(String name, MarkedYAMLException y) {
        var mark = y.getProblemMark() != null ? y.getProblemMark() : y.getContextMark();
        String where = mark == null ? name : name + ":" + (mark.getLine() + 1) + ":" + (mark.getColumn() + 1);
        int contextLine = y.getContextMark() == null ? -1 : y.getContextMark().getLine() + 1;
        String problem = y.getProblem() == null ? "" : y.getProblem();
        String context = y.getContext() == null ? "" : y.getContext();
        String since = contextLine > 0 ? " (the block that starts at line " + contextLine + ")" : "";
        String what;
        if (problem.contains("(TAB)") || problem.contains("\t")) {
            what = "a tab character: YAML indents with spaces only";
        } else if (problem.startsWith("expected <block end>")) {
            what = "this line's indentation does not match the lines around it" + since
                    + ": indent it exactly like the other fields of its step or section";
        } else if (problem.startsWith("mapping values are not allowed")) {
            what = "a ': ' inside a value: put the value in quotes (e.g. where: \"status = 'a: b'\"), "
                    + "or check this line's indentation";
        } else if (problem.startsWith("could not find expected ':'")) {
            what = "a line that is not 'field: value'" + since + ": add the ':' or close a quote left open";
        } else if (problem.contains("end of stream") && context.contains("quoted")) {
            what = "a quote that is never closed" + (contextLine > 0 ? " (it opens at line " + contextLine + ")" : "")
                    + ": add the closing quote";
        } else if (problem.startsWith("did not find expected key") || problem.startsWith("did not find expected '-'")) {
            what = "this line fits neither as a field nor as a list item" + since
                    + ": check its indentation and any quotes";
        } else if (problem.contains("undefined alias") || problem.contains("expected alphabetic or numeric")) {
            what = "a value that starts with '*' or '&' (YAML aliases): put the value in quotes";
        } else if (problem.contains("special characters are not allowed")) {
            what = "a control character YAML does not allow: a plan file is plain text";
        } else {
            what = "this is not valid YAML: check the indentation (spaces, the same for fields of one step) and "
                    + "the quoting of this line";
        }
        return where + ": " + what;
    }
}
