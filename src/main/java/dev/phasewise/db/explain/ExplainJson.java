package dev.phasewise.db.explain;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The machine form: the {@link ExplainResult} with snake_case keys ({@code node_type},
 * {@code plan_rows}, {@code children}, ...; absent values left out) plus its {@code warnings}.
 */
public final class ExplainJson {
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .setDefaultPropertyInclusion(JsonInclude.Value.construct(JsonInclude.Include.NON_NULL,
                    JsonInclude.Include.NON_NULL))
            .enable(SerializationFeature.INDENT_OUTPUT);

    private ExplainJson() {
    }

    public static String write(ExplainResult result, List<ExplainWarning> warnings) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("sql", result.sql());
        out.put("server_version", result.serverVersion());
        if (!result.explainable()) {
            out.put("not_explainable", result.notExplainable());
        } else {
            out.put("analyzed", result.analyzed());
            out.put("generic_plan", result.genericPlan());
            out.put("parameters", result.parameters());
            out.put("plan", result.root());
            out.put("planning_ms", result.planningMs());
            out.put("execution_ms", result.executionMs());
            out.put("triggers", result.triggers());
            out.put("settings", result.settings());
            out.put("table_rows", result.tableRows());
        }
        out.put("warnings", warnings);
        try {
            return MAPPER.writeValueAsString(out) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
