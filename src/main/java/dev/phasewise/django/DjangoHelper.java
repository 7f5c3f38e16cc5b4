package dev.phasewise.django;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Talks to a project's own Django through {@code phasewise_django.py}, which ships inside the jar
 * and is written to a temporary file for each run (the interpreter needs a file it can import the
 * project beside). The helper prints one JSON document; its errors come back as JSON too, so a
 * Django traceback never reaches the user, only its last line inside a message that names the
 * project and the migration.
 */
public final class DjangoHelper {
    private static final String RESOURCE = "/dev/phasewise/django/phasewise_django.py";
    private static final long TIMEOUT_MINUTES = 10;

    private final Path project;
    private final String python;

    public DjangoHelper(Path project, String python) {
        this.project = project.toAbsolutePath().normalize();
        this.python = python;
    }

    /** Every migration in plan order with its SQL; with {@code url}, which ones that database has applied. */
    public DjangoMigrations migrations(String settingsModule, String url) throws DjangoProjectException {
        JsonNode root = run(List.of("migrations", settingsModule, url == null ? "" : url));
        List<DjangoMigration> list = new ArrayList<>();
        for (JsonNode m : root.path("migrations")) {
            JsonNode applied = m.path("applied");
            List<DjangoMigration.Operation> operations = new ArrayList<>();
            for (JsonNode op : m.path("operations")) {
                operations.add(new DjangoMigration.Operation(op.path("sqlLine").asInt(1), op.path("line").asInt(1),
                        op.path("column").asInt(1)));
            }
            List<OperationFacts> facts = new ArrayList<>();
            m.path("django").forEach(op -> facts.add(OperationFacts.of(op)));
            list.add(new DjangoMigration(m.path("app").asText(), m.path("name").asText(),
                    m.hasNonNull("file") ? Path.of(m.get("file").asText()) : null, m.path("atomic").asBoolean(true),
                    applied.isBoolean() ? applied.asBoolean() : null, m.path("sql").asText(), operations, facts));
        }
        List<PendingChanges> pending = new ArrayList<>();
        root.path("pending").forEach(p -> pending.add(PendingChanges.of(p)));
        return new DjangoMigrations(root.path("django").asText(), root.path("database").asText(), list,
                root.path("addIndexConcurrently").asBoolean(false), pending);
    }

    private JsonNode run(List<String> args) throws DjangoProjectException {
        Path script = null;
        Path errors = null;
        Path output = null;
        try {
            script = Files.createTempFile("phasewise_django", ".py");
            errors = Files.createTempFile("phasewise_django", ".err");
            output = Files.createTempFile("phasewise_django", ".json");
            try (InputStream in = DjangoHelper.class.getResourceAsStream(RESOURCE)) {
                Files.write(script, in.readAllBytes());
            }
            List<String> command = new ArrayList<>(List.of(python, script.toString()));
            command.addAll(args);
            Process p = new ProcessBuilder(command).directory(project.toFile())
                    .redirectOutput(output.toFile()).redirectError(errors.toFile()).start();
            p.getOutputStream().close();
            // both streams go to files: a helper that hangs is still ended by the timeout, never waited on in a read
            if (!p.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw failure("its Django did not answer within " + TIMEOUT_MINUTES + " minutes");
            }
            return answer(Files.readString(output, StandardCharsets.UTF_8), Files.readString(errors), p.exitValue());
        } catch (IOException e) {
            throw failure("cannot run " + python + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failure("interrupted");
        } finally {
            delete(script);
            delete(errors);
            delete(output);
        }
    }

    private JsonNode answer(String out, String err, int exit) throws DjangoProjectException {
        JsonNode root = null;
        try {
            root = out.isBlank() ? null : new ObjectMapper().readTree(out);
        } catch (IOException e) {
            // not JSON: something printed before the helper could answer; the last line of stderr says what
        }
        if (root != null && root.hasNonNull("error")) {
            StringBuilder m = new StringBuilder(root.get("error").asText());
            if (root.hasNonNull("detail")) {
                m.append(": ").append(root.get("detail").asText());
            }
            throw failure(m.toString());
        }
        if (root == null || exit != 0) {
            throw failure(python + " exited with " + exit + lastLine(err.isBlank() ? out : err));
        }
        return root;
    }

    private DjangoProjectException failure(String what) {
        return new DjangoProjectException("Django project " + project + ": " + what);
    }

    private static String lastLine(String text) {
        String[] lines = text.strip().split("\\R");
        return lines.length == 0 || lines[lines.length - 1].isBlank() ? "" : ": " + lines[lines.length - 1].strip();
    }

    private static void delete(Path p) {
        if (p != null) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException e) {
                // a temporary file left behind is harmless
            }
        }
    }
}
