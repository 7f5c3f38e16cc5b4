package dev.phasewise.db;

import java.util.List;

/** The observed effects of one statement, or the error PostgreSQL raised for it. */
public record TraceResult(List<TracedEffect> tables, String error) {

    public boolean failed() {
        return error != null;
    }
}
