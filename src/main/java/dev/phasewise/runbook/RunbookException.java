package dev.phasewise.runbook;

import java.util.List;

/** Input a runbook cannot be made from: every problem, each naming its file (and line when known). */
public final class RunbookException extends Exception {
    private final List<String> problems;

    public RunbookException(List<String> problems) {
        super(String.join("\n", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
