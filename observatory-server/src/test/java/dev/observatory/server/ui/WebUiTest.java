package dev.observatory.server.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WebUiTest {

    @Test
    void onlyPageShellsAndAssetsArePublic() {
        assertThat(WebUi.isPublicShell("GET", "/")).isTrue();
        assertThat(WebUi.isPublicShell("GET", "/projects/a")).isTrue();
        assertThat(WebUi.isPublicShell("GET", "/runs/abc/logs")).isTrue();
        assertThat(WebUi.isPublicShell("HEAD", "/compare")).isTrue();
        assertThat(WebUi.isPublicShell("GET", "/ui/app.js")).isTrue();
        assertThat(WebUi.isPublicShell("GET", "/ui/data/runs")).isFalse();
        assertThat(WebUi.isPublicShell("POST", "/projects/a")).isFalse();
        assertThat(WebUi.isPublicShell("GET", "/api/v1/runs")).isFalse();
        assertThat(WebUi.isPublicShell("GET", "/mcp")).isFalse();
        assertThat(WebUi.isPublicShell("GET", "/metrics")).isFalse();
        assertThat(WebUi.isPublicShell("GET", "/projectsx")).isFalse();
    }

    @Test
    void sectionPagesArePublicShellsButTheirDataIsNot() {
        assertThat(WebUi.isPublicShell("GET", "/models")).isTrue();
        assertThat(WebUi.isPublicShell("GET", "/models/resnet")).isTrue();
        assertThat(WebUi.isPublicShell("GET", "/jobs/0123456789abcdef")).isTrue();
        assertThat(WebUi.isPublicShell("HEAD", "/traces")).isTrue();
        assertThat(WebUi.isPublicShell("GET", "/slos")).isTrue();
        assertThat(WebUi.isPublicShell("GET", "/modelsx")).isFalse();
        assertThat(WebUi.isPublicShell("DELETE", "/models/resnet")).isFalse();
        assertThat(WebUi.isPublicShell("GET", "/ui/data/traces")).isFalse();
        assertThat(WebUi.isPublicShell("GET", "/ui/data/slos")).isFalse();
        assertThat(WebUi.isPublicShell("GET", "/api/v1/models")).isFalse();
    }

    @Test
    void theTopNavigationMarksTheCurrentSection() {
        assertThat(Html.sections("trace")).contains("<a href=\"/traces\" aria-current=\"page\">Traces</a>")
                .contains("<a href=\"/models\">Models</a>");
        assertThat(Html.sections("run")).contains("<a href=\"/\" aria-current=\"page\">Projects</a>");
        assertThat(Html.sections("not-found")).doesNotContain("aria-current");
    }

    @Test
    void escapesEveryCharacterThatCouldOpenMarkup() {
        assertThat(Html.escape("<a href=\"x\" onclick='y'>&</a>"))
                .isEqualTo("&lt;a href=&quot;x&quot; onclick=&#39;y&#39;&gt;&amp;&lt;/a&gt;");
        assertThat(Html.page("<t>", "run", Map.of("run", "\"><script>"), List.of("app.js"), ""))
                .doesNotContain("<script>").contains("data-run=\"&quot;&gt;&lt;script&gt;\"");
    }

    @Test
    void flattensNestedParamsToDottedPaths() {
        Map<String, Object> lora = new LinkedHashMap<>();
        lora.put("r", 16);
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("name", "llama");
        model.put("lora", lora);
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("model", model);
        params.put("betas", List.of(0.9, 0.999));
        params.put("empty", Map.of());
        assertThat(Params.flatten(params)).containsExactly(Map.entry("model.name", "llama"),
                Map.entry("model.lora.r", 16), Map.entry("betas", "[0.9, 0.999]"), Map.entry("empty", "{}"));
    }

    @Test
    void sortsNumbersNumericallyBeforeText() {
        List<Object> values = new ArrayList<>(List.of("b", 10, 2.5, true, "A", 1e-4));
        values.sort(Params::compare);
        assertThat(values).containsExactly(1e-4, 2.5, 10, true, "A", "b");
    }

    @Test
    void parsesMetricThresholds() {
        assertThat(RunsRequest.metricFilter("eval/loss<=0.5").op()).isEqualTo("<=");
        assertThat(RunsRequest.metricFilter("acc==0.9").op()).isEqualTo("=");
        assertThat(RunsRequest.metricFilter("acc > 3").value()).isEqualTo(3.0);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> RunsRequest.metricFilter("loss"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("<key><op><number>");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> RunsRequest.metricFilter("loss<abc"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("number");
    }
}
