package dev.phasewise.django;

import com.fasterxml.jackson.databind.JsonNode;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What {@code makemigrations --check --dry-run} would find in one app: models changed with no migration
 * for the change. Found offline by the helper (Django's autodetector, the migrations' state against the
 * models). {@code file} and {@code line} are those of the first changed model's class, else the app's
 * models module; {@code questions} are where makemigrations would stop to ask (a default for a new
 * non-nullable field). When the check itself failed, {@code app} is null and {@code error} says why.
 */
public record PendingChanges(String app, Path file, int line, List<String> operations, List<String> questions,
                             String error) {

    static PendingChanges of(JsonNode p) {
        List<String> operations = new ArrayList<>();
        p.path("operations").forEach(o -> operations.add(o.asText()));
        List<String> questions = new ArrayList<>();
        p.path("questions").forEach(q -> questions.add(q.asText()));
        return new PendingChanges(p.hasNonNull("app") ? p.get("app").asText() : null,
                p.hasNonNull("file") ? Path.of(p.get("file").asText()) : null, p.path("line").asInt(1),
                operations, questions, p.hasNonNull("error") ? p.get("error").asText() : null);
    }
}
