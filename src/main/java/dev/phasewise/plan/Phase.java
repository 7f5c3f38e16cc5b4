package dev.phasewise.plan;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;
import java.util.Locale;

/** The three phases of a zero-downtime change, in the order they run. */
public enum Phase {
    @JsonProperty("expand") EXPAND,
    @JsonProperty("backfill") BACKFILL,
    @JsonProperty("contract") CONTRACT;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static List<Phase> inOrder() {
        return List.of(EXPAND, BACKFILL, CONTRACT);
    }
}
