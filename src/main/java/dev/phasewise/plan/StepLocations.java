package dev.phasewise.plan;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where each step starts in a plan file ("file:line:column"), by phase and position, so that a problem
 * the plan's content has (a missing 'column') can name the step's line, not only an id derived from the
 * very fields that are missing. Read by a second pass of the parser over the text: the plan objects keep
 * no positions.
 */
final class StepLocations {
    private static final Pattern STEP = Pattern.compile("/phases/([^/]+)/steps/(\\d+)");

    private final Map<String, JsonLocation> starts = new HashMap<>();

    private StepLocations() {
    }

    static StepLocations none() {
        return new StepLocations();
    }

    static StepLocations read(ObjectMapper mapper, String text) {
        StepLocations out = new StepLocations();
        try (JsonParser p = mapper.getFactory().createParser(text)) {
            JsonToken t;
            while ((t = p.nextToken()) != null) {
                if (t == JsonToken.START_OBJECT) {
                    Matcher m = STEP.matcher(p.getParsingContext().pathAsPointer().toString());
                    if (m.matches()) {
                        out.starts.put(key(m.group(1), Integer.parseInt(m.group(2))), p.currentTokenLocation());
                    }
                }
            }
        } catch (Exception unreadable) {
            // the plan was read already; what could not be located is reported without a line
        }
        return out;
    }

    /** "file:line:column" of the step at this 0-based position of the phase, or the file alone. */
    String where(String file, Phase phase, int position) {
        JsonLocation loc = starts.get(key(phase.name().toLowerCase(Locale.ROOT), position));
        return loc == null || loc.getLineNr() < 0 ? file : file + ":" + loc.getLineNr() + ":" + loc.getColumnNr();
    }

    private static String key(String phase, int position) {
        return phase + "/" + position;
    }
}
