package dev.phasewise.django;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;

/**
 * What Django knows about one operation of a migration and its SQL does not show (the Django rules,
 * PW401-PW405, read these): its type ({@code RunPython}, {@code AddIndex}...), the model and table it
 * works on and whether that table existed before the migration, and per type: a RunPython's function,
 * its reverse function (null when it has none) and the imports of app models it uses; a RunSQL's
 * forward SQL; the indexes an AddIndex or AlterIndexTogether asks for.
 */
public record OperationFacts(String type, String model, String table, boolean existed, String description,
                             String code, String reverseCode, List<ModelImport> modelImports, String sql,
                             List<String> indexes) {

    /** An import of an app's models module (or of names from it) that a RunPython function uses. */
    public record ModelImport(String function, int line, String text) {
    }

    /** The facts of an operation the helper said nothing about (an older helper, or no such entry). */
    public static OperationFacts unknown() {
        return new OperationFacts("", null, null, false, "", null, null, List.of(), null, List.of());
    }

    static OperationFacts of(JsonNode op) {
        List<ModelImport> imports = new ArrayList<>();
        for (JsonNode i : op.path("modelImports")) {
            imports.add(new ModelImport(i.path("function").asText(), i.path("line").asInt(1), i.path("import").asText()));
        }
        List<String> indexes = new ArrayList<>();
        op.path("indexes").forEach(i -> indexes.add(i.asText()));
        return new OperationFacts(op.path("type").asText(), text(op, "model"), text(op, "table"),
                op.path("existed").asBoolean(false), op.path("description").asText(""), text(op, "code"),
                text(op, "reverseCode"), imports, text(op, "sql"), indexes);
    }

    private static String text(JsonNode n, String field) {
        return n.hasNonNull(field) ? n.get(field).asText() : null;
    }

    public boolean is(String operationType) {
        return type.equals(operationType);
    }
}
