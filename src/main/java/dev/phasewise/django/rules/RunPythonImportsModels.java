package dev.phasewise.django.rules;

import dev.phasewise.analysis.rules.Finding;
import dev.phasewise.analysis.rules.RuleMeta;
import dev.phasewise.analysis.rules.Severity;
import dev.phasewise.django.OperationFacts;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** PW401: a RunPython that works with the current models, imported, instead of the migration's historical ones. */
public final class RunPythonImportsModels implements DjangoRule {
    public static final RuleMeta META = new RuleMeta("PW401", "runpython-imports-models", Severity.ERROR,
            "RunPython that imports the app's models instead of using apps.get_model()",
            "A migration runs against the schema as it was at that point of the history, but `from articles.models "
                    + "import Article` gives the model as it is now: a field a later migration adds is in its queries "
                    + "(\"column does not exist\" on a fresh database, in tests, on the next environment), one removed "
                    + "since is missing, and the migration breaks as soon as the models move on. The historical model "
                    + "that apps.get_model() returns matches the table at that migration.",
            "Take the model from the function's apps argument: Article = apps.get_model(\"articles\", \"Article\"), "
                    + "and drop the import.");

    private static final Pattern FROM_IMPORT = Pattern.compile("^from\\s+(\\S+)\\s+import\\s+\\(?([^)]*)\\)?",
            Pattern.DOTALL);

    @Override
    public RuleMeta meta() {
        return META;
    }

    @Override
    public void check(MigrationContext m, List<OperationFinding> out) {
        for (int i = 0; i < m.operationCount(); i++) {
            OperationFacts op = m.facts(i);
            if (!op.is("RunPython") || op.modelImports().isEmpty()) {
                continue;
            }
            String imports = op.modelImports().stream()
                    .map(imp -> "line " + imp.line() + " `" + oneLine(imp.text()) + "` (used by " + imp.function() + ")")
                    .collect(Collectors.joining(", "));
            out.add(new OperationFinding(i, new Finding(META, META.severity(), "RunPython " + op.code()
                    + " uses the current models, not those of this migration: " + imports + "; a field added or "
                    + "removed by a later migration breaks it", fix(op, m.migration().app()))));
        }
    }

    /** Each imported model taken from apps instead; the app is the one of the models module imported. */
    private static String fix(OperationFacts op, String migrationApp) {
        Set<String> lines = new LinkedHashSet<>();
        for (OperationFacts.ModelImport imp : op.modelImports()) {
            Matcher from = FROM_IMPORT.matcher(oneLine(imp.text()));
            if (!from.find()) {
                lines.add("Model = apps.get_model(\"" + migrationApp + "\", \"Model\")");
                continue;
            }
            String app = appOf(from.group(1), migrationApp);
            for (String name : from.group(2).split(",")) {
                String[] parts = name.strip().split("\\s+as\\s+");
                if (parts[0].isBlank() || parts[0].equals("models") || parts[0].equals("*")) {
                    lines.add("Model = apps.get_model(\"" + app + "\", \"Model\")");
                } else {
                    lines.add(parts[parts.length - 1] + " = apps.get_model(\"" + app + "\", \"" + parts[0] + "\")");
                }
            }
        }
        List<String> fix = new ArrayList<>();
        fix.add("def " + op.code() + "(apps, schema_editor):");
        lines.forEach(l -> fix.add("    " + l));
        return String.join("\n", fix);
    }

    /** The app label of a models module: "shop.orders.models" is orders's; a relative "..models" is the migration's own app. */
    private static String appOf(String module, String migrationApp) {
        String m = module.replaceAll("\\.models$", "");
        if (m.isBlank() || m.startsWith(".")) {
            return migrationApp;
        }
        return m.substring(m.lastIndexOf('.') + 1);
    }

    private static String oneLine(String s) {
        return s == null ? "" : s.strip().replaceAll("\\s+", " ");
    }
}
