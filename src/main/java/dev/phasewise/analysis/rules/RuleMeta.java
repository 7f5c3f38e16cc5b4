package dev.phasewise.analysis.rules;

/**
 * A rule's identity and documentation: a stable id (never reused), a kebab-case name used in
 * suppression comments and doc file names, its default severity, a one-line title, why it
 * matters, and what to do instead. The doc page under docs/rules/ is rendered from this.
 */
public record RuleMeta(String id, String name, Severity severity, String title, String why, String instead) {

    /** True when a suppression comment's word names this rule (by id or by name). */
    public boolean isNamedBy(String word) {
        return id.equalsIgnoreCase(word) || name.equalsIgnoreCase(word);
    }

    public String docFileName() {
        return id + "-" + name + ".md";
    }
}
