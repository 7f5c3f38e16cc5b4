package dev.phasewise.db;

import dev.phasewise.analysis.pg.LockMode;

/** What PostgreSQL was seen to do to one existing relation while running a statement. */
public record TracedEffect(String name, LockMode lock, boolean rewrite, boolean scan) {
}
