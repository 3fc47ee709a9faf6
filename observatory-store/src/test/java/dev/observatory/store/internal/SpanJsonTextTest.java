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

    @Test
    void randomMapsWriteJacksonsTextAlsoWhenTheirKeysAreRemembered() {
        java.util.SplittableRandom r = new java.util.SplittableRandom(45);
        List<String> keys = new java.util.ArrayList<>();
        for (int i = 0; i < 40; i++) {
            keys.add(i % 4 == 0 ? text(r, 300) : "gen_ai." + text(r, 12)); // some longer than the keys remembered
        }
        for (int n = 0; n < 2_000; n++) {
            Map<String, Object> m = new LinkedHashMap<>();
            int size = r.nextInt(12);
            for (int i = 0; i < size; i++) {
                m.put(r.nextInt(4) == 0 ? text(r, 20) : keys.get(r.nextInt(keys.size())), value(r, 2));
            }
            String jackson = JACKSON.writeValueAsString(m);
            assertThat(SpanJson.attributes(m)).as("%s", m).isEqualTo(jackson);
            assertThat(SpanJson.attributes(dev.observatory.model.trace.AttributeMaps.copyOf(m))).isEqualTo(jackson);
            String again = SpanJsonText.object(m); // the keys now remembered
            assertThat(again == null ? SpanJson.attributes(m) : again).isEqualTo(jackson);
        }
    }

    private static Object value(java.util.SplittableRandom r, int depth) {
        return switch (r.nextInt(depth > 0 ? 8 : 7)) {
            case 0, 1 -> text(r, 30);
            case 2 -> r.nextLong();
            case 3 -> switch (r.nextInt(6)) {
                case 0 -> Double.NaN;
                case 1 -> r.nextBoolean() ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
                case 2 -> -0.0;
                default -> (r.nextDouble() - 0.5) * Math.pow(10, r.nextInt(-12, 25));
            };
            case 4 -> r.nextBoolean();
            case 5 -> "";
            case 6 -> (long) r.nextInt(1000);
            default -> {
                List<Object> list = new java.util.ArrayList<>();
                for (int i = r.nextInt(4); i > 0; i--) {
                    list.add(r.nextInt(6) == 0 ? null : value(r, depth - 1));
                }
                yield list;
            }
        };
    }

    /** Text with control characters, quotes, backslashes, Latin-1, other BMP characters and surrogate pairs. */
    private static String text(java.util.SplittableRandom r, int max) {
        StringBuilder b = new StringBuilder();
        for (int i = r.nextInt(max + 1); i > 0; i--) {
            switch (r.nextInt(8)) {
                case 0 -> b.append((char) r.nextInt(0x20));
                case 1 -> b.append(r.nextBoolean() ? '"' : '\\');
                case 2 -> b.append((char) r.nextInt(0x80, 0x100));
                case 3 -> b.append((char) r.nextInt(0x100, 0xD800));
                case 4 -> b.appendCodePoint(r.nextInt(0x10000, 0x10FFFF));
                default -> b.append((char) r.nextInt(0x20, 0x7F));
            }
        }
        return b.toString();
    }
}
