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
import java.util.Map;
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
    private final Map<String, String> environment;

    public DjangoHelper(Path project, String python) {
        this(project, python, Map.of());
    }

    /**
     * @param environment added to the helper's environment: e.g. {@code PGPASSWORD} for a database whose password
     *                    must not be on a command line that every local user can read
     */
    public DjangoHelper(Path project, String python, Map<String, String> environment) {
        this.project = project.toAbsolutePath().normalize();
        this.python = python;
        this.environment = Map.copyOf(environment);
    }

    /** The project directory (the one that holds manage.py). */
    public Path project() {
        return project;
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
                    applied.isBoolean() ? applied.asBoolean() : null, m.path("sql").asText(), operations, facts,
                    m.hasNonNull("sqlError") ? m.get("sqlError").asText() : null));
        }
        List<PendingChanges> pending = new ArrayList<>();
        root.path("pending").forEach(p -> pending.add(PendingChanges.of(p)));
        return new DjangoMigrations(root.path("django").asText(), root.path("database").asText(), list,
                root.path("addIndexConcurrently").asBoolean(false), pending);
    }

    /**
     * The files of the series that replaces {@code app.name}, written by the project's own Django from
     * {@code series} (its migration writer deconstructs the original's fields): their text, the original's
     * file, and the later migrations' files re-pointed at the series' last. Nothing is written here.
     */
    public Rendered render(String settingsModule, String app, String name, List<SeriesMigration> series, String doc)
            throws DjangoProjectException {
        Path spec = null;
        try {
            spec = Files.createTempFile("phasewise_series", ".json");
            Files.writeString(spec, SeriesJson.of(series, doc));
            JsonNode root = run(List.of("make-safe", settingsModule, app, name, spec.toString()));
            return new Rendered(texts(root.path("files")), Path.of(root.path("remove").asText()),
                    texts(root.path("repointed")));
        } catch (IOException e) {
            throw failure("cannot write a temporary file: " + e.getMessage());
        } finally {
            delete(spec);
        }
    }

    /** A file and the text it is to have. */
    public record FileText(Path path, String text) {
    }

    /** What make-safe writes: the series' files, the file it replaces, the re-pointed later migrations. */
    public record Rendered(List<FileText> files, Path remove, List<FileText> repointed) {
    }

    private static List<FileText> texts(JsonNode array) {
        List<FileText> out = new ArrayList<>();
        for (JsonNode f : array) {
            out.add(new FileText(Path.of(f.path("path").asText()), f.path("text").asText()));
        }
        return out;
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
            ProcessBuilder builder = new ProcessBuilder(command).directory(project.toFile())
                    .redirectOutput(output.toFile()).redirectError(errors.toFile());
            builder.environment().putAll(environment);
            Process p = builder.start();
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
