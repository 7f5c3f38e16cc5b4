package dev.phasewise.cli;

import dev.phasewise.analysis.rules.Rule;
import dev.phasewise.analysis.rules.RuleMeta;
import dev.phasewise.analysis.rules.Rules;
import dev.phasewise.django.rules.DjangoRules;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

/** {@code phasewise rules [RULE]}: the rule list, or one rule explained. */
@Command(name = "rules", mixinStandardHelpOptions = true, description = "List the rules, or explain one (by id or name).")
final class RulesCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(arity = "0..1", paramLabel = "RULE")
    String rule;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        if (rule == null) {
            List<RuleMeta> all = new ArrayList<>(Rules.ALL.stream().map(Rule::meta).toList());
            all.addAll(DjangoRules.metas());  // django lint's own: what Django knows and the SQL does not show
            for (RuleMeta m : all) {
                out.printf("%-6s %-40s %-8s %s%n", m.id(), m.name(), m.severity().label(), m.title());
            }
            return Main.OK;
        }
        Optional<RuleMeta> m = Rules.find(rule).or(() -> DjangoRules.find(rule));
        if (m.isEmpty()) {
            spec.commandLine().getErr().println("phasewise rules: no rule " + rule + " (phasewise rules lists them)");
            return Main.INPUT_ERROR;
        }
        out.println(m.get().id() + " " + m.get().name() + " (" + m.get().severity().label() + ")");
        out.println(m.get().title());
        out.println();
        out.println("Why: " + m.get().why());
        out.println();
        out.println("Instead: " + m.get().instead());
        return Main.OK;
    }
}
