package dev.observatory.store.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** The hand-written attribute JSON is exactly Jackson's text, and leaves what it does not know to Jackson. */
class SpanJsonTextTest {
    private static final JsonMapper JACKSON = JsonMapper.builder().build();

    @Test
    void writesTheSameTextAsJacksonForTheModelsValueTypes() {
        StringBuilder controls = new StringBuilder();
        for (char c = 0; c < 0x30; c++) {
            controls.append(c);
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("controls", controls.toString());
        m.put("text", "a/b\"c\\d é 😀 \u2028 \u007f \u0080 <>&' end");
        m.put("k\"e\\y\n", "");
        m.put("tokens", 1234L);
        m.put("min", Long.MIN_VALUE);
        m.put("confidence", 0.7);
        m.put("big", 1e20);
        m.put("small", 1e-7);
        m.put("negative zero", -0.0);
        m.put("flag", true);
        m.put("off", false);
        m.put("list", Arrays.asList("a", null, 1L, 2.5, false, List.of("nested")));
        m.put("empty list", List.of());

        assertThat(SpanJsonText.object(m)).isEqualTo(JACKSON.writeValueAsString(m));
        assertThat(SpanJson.attributes(m)).isEqualTo(JACKSON.writeValueAsString(m));
        assertThat(SpanJson.attributes(SpanJson.attributes(m))).isEqualTo(m);
    }

    @Test
    void leavesOtherValueTypesToJackson() {
        for (Object odd : List.of(1, 1.5f, Double.NaN, Double.POSITIVE_INFINITY, Map.of("a", 1L), List.of(1),
                new byte[] { 1 })) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("a", "b");
            m.put("odd", odd);
            assertThat(SpanJsonText.object(m)).as("%s", odd).isNull();
            assertThat(SpanJson.attributes(m)).isEqualTo(JACKSON.writeValueAsString(m));
        }
    }
}
