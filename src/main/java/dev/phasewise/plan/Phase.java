package dev.phasewise.plan;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;

/** The three phases of a zero-downtime change, in the order they run. */
public enum Phase {
    @JsonProperty("expand") EXPAND,
    @JsonProperty("backfill") BACKFILL,
    @JsonProperty("contract") CONTRACT;

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static List<Phase> inOrder() {
        return List.of(EXPAND, BACKFILL, CONTRACT);
    }
}
