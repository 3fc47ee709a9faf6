package dev.observatory.store.internal;

import dev.observatory.model.job.GuardrailEvent;
import dev.observatory.model.job.JobSpec;
import tools.jackson.core.json.JsonReadFeature;
import tools.jackson.databind.json.JsonMapper;

/** JSON text of a job's spec and guardrail evidence, the same on every backend (NaN and infinities kept). */
public final class JobJson {
    private static final JsonMapper JSON = JsonMapper.builder().enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .build();

    private JobJson() {
    }

    public static String spec(JobSpec spec) {
        return JSON.writeValueAsString(spec);
    }

    public static JobSpec spec(String json) {
        return JSON.readValue(json, JobSpec.class);
    }

    public static String guardrail(GuardrailEvent event) {
        return event == null ? null : JSON.writeValueAsString(event);
    }

    public static GuardrailEvent guardrail(String json) {
        return json == null ? null : JSON.readValue(json, GuardrailEvent.class);
    }

    /** A copy made by writing and reading back (what a persistent backend returns). */
    public static JobSpec copy(JobSpec spec) {
        return spec(spec(spec));
    }

    public static GuardrailEvent copy(GuardrailEvent event) {
        return guardrail(guardrail(event));
    }
}
