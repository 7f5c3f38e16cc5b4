package dev.phasewise.django;

import dev.phasewise.convert.Conversion;

import java.nio.file.Path;
import java.util.List;

/**
 * A migration made safe, before anything is written: the original, the conversion (plan and
 * account), the series of migrations that replaces it, their files as the project's Django wrote
 * them, and where the plan goes. No series (and no files) when the converter changed nothing.
 */
public record SafeSeries(DjangoMigration original, Conversion conversion, List<SeriesMigration> series,
                         DjangoHelper.Rendered rendered, Path planFile) {
    public SafeSeries {
        series = List.copyOf(series);
    }

    public boolean changesNothing() {
        return series.isEmpty();
    }
}
