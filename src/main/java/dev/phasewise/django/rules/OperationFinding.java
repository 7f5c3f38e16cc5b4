package dev.phasewise.django.rules;

import dev.phasewise.analysis.rules.Finding;

/**
 * A Django rule's finding on operation {@code operation} (its index in {@code operations = [...]}).
 * {@code supersedes} names the SQL rule that said the same thing about that operation's SQL in SQL's
 * words (PW103 for PW403): its finding there is replaced, so the same problem is not reported twice at
 * the same place; null when nothing is replaced.
 */
public record OperationFinding(int operation, Finding finding, String supersedes) {
    public OperationFinding(int operation, Finding finding) {
        this(operation, finding, null);
    }
}
