package dev.phasewise.ui.model;

import dev.phasewise.analysis.parse.SourceProblem;
import dev.phasewise.django.DjangoMigration;
import dev.phasewise.analysis.parse.Splitter;
import dev.phasewise.analysis.parse.Statement;
import dev.phasewise.plan.Phase;
import dev.phasewise.plan.PhaseBlock;
import dev.phasewise.plan.Plan;
import dev.phasewise.plan.PlanException;
import dev.phasewise.plan.PlanFiles;
import dev.phasewise.plan.steps.RawSql;
import dev.phasewise.plan.steps.Step;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Opens documents: plan files, SQL files and Django sqlmigrate output, from disk or from the bundled samples. */
public final class Documents {
    /** The samples shipped in the jar (copied from migrations-samples/ at build time). */
    public static final String SAMPLES = "/dev/phasewise/ui/samples/";
    public static final List<String> SAMPLE_NAMES = List.of(
            "add-article-summary.plan.yaml", "task-export-expires-at.plan.yaml", "article-published-index.plan.yaml",
            "pg-trgm-extension.plan.yaml", "rename-article-slug.plan.yaml", "comment-id-bigint.plan.yaml",
            "article-status-check.plan.yaml", "article-editor.plan.yaml", "comment-article-index.plan.yaml",
            "0042_add_summary_unsafe.sql", "django_sqlmigrate_0007.sql");
    public static final String DEFAULT_SAMPLE = "add-article-summary.plan.yaml";

    private Documents() {
    }

    public static boolean isPlanFile(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return n.endsWith(".plan.yaml") || n.endsWith(".plan.yml") || n.endsWith(".plan.json")
                || n.endsWith(".yaml") || n.endsWith(".yml") || n.endsWith(".json");
    }

    public static PlanDocument open(Path file) throws IOException, PlanException {
        String name = file.getFileName().toString();
        if (isPlanFile(name)) {
            // PlanFiles reads the bytes itself, to name a binary or non-UTF-8 file instead of a decoder's message
            return new PlanDocument(PlanDocument.Kind.PLAN, name, file, false, PlanFiles.read(file));
        }
        String text = Files.readString(file, StandardCharsets.UTF_8);
        return new PlanDocument(PlanDocument.Kind.SQL, name, file, false, sqlPlan(name, text), text);
    }

    public static PlanDocument openSample(String name) throws PlanException {
        String text = sampleText(name);
        if (isPlanFile(name)) {
            return new PlanDocument(PlanDocument.Kind.PLAN, name, null, true, PlanFiles.parse(name, text));
        }
        return new PlanDocument(PlanDocument.Kind.SQL, name, null, true, sqlPlan(name, text), text);
    }

    /**
     * A migration of a Django project, as the SQL {@code sqlmigrate} prints for it: a SQL document with no
     * file (Save never overwrites the migration's .py with SQL), analysed against the earlier migrations.
     * Applies their SQL to a schema model: call it off the FX thread.
     */
    public static PlanDocument openDjango(DjangoProjectListing project, DjangoMigration migration) {
        DjangoSource source = new DjangoSource(project, migration, project.schemaBefore(migration));
        String name = source.documentName();
        return new PlanDocument(PlanDocument.Kind.SQL, name, null, false, sqlPlan(name, migration.sql()),
                migration.sql(), source);
    }

    public static String sampleText(String name) {
        try (InputStream in = Documents.class.getResourceAsStream(SAMPLES + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no sample " + name + " in the jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A SQL file as a plan: one expand phase, one raw-sql step per statement (comments before a
     * statement stay with it). Django's sqlmigrate output is SQL too (BEGIN; ... COMMIT;).
     */
    public static Plan sqlPlan(String name, String text) {
        List<Step> steps = new ArrayList<>();
        List<SourceProblem> problems = new ArrayList<>();
        int n = 0;
        for (Statement s : Splitter.split(text, problems)) {
            n++;
            steps.add(new RawSql("stmt-" + n, null, s.text(), null, null));
        }
        return new Plan(Plan.FORMAT_VERSION, name, "statements of " + name + ", as they run", null, null, null,
                Map.of(Phase.EXPAND, new PhaseBlock(steps, null)));
    }
}
