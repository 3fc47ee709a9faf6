package dev.observatory.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ToolsetsTest {

    @Test
    void defaultsToCoreWhenNothingIsChosen() {
        assertThat(Toolsets.parse((String) null)).containsExactly("core");
        assertThat(Toolsets.parse(" , ")).containsExactly("core");
    }

    @Test
    void parsesACommaListCaseInsensitivelyInCatalogueOrder() {
        assertThat(Toolsets.parse("Runs, core")).containsExactly("core", "runs");
    }

    @Test
    void allEnablesEveryToolset() {
        assertThat(Toolsets.parse("all")).containsExactlyElementsOf(Toolsets.names()).hasSize(13);
    }

    @Test
    void anUnknownNameIsAClearErrorListingTheValidOnes() {
        assertThatThrownBy(() -> Toolsets.parse("core,experiments")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown toolset 'experiments'")
                .hasMessageContaining("core, runs, analysis, artifacts, jobs, datasets, registry, deploy, release,"
                        + " traces, ops, query, admin and all");
    }

    @Test
    void noToolsetHoldsMoreThanTwentyFiveTools() {
        var sizes = ToolCatalog.all().stream().collect(
                java.util.stream.Collectors.groupingBy(t -> t.toolset(), java.util.stream.Collectors.counting()));
        assertThat(sizes.values()).allMatch(n -> n <= 25);
        assertThat(sizes).containsKey("core");
    }
}
