package dev.observatory.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.observatory.mcp.tool.ToolDef;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.ElicitRequest;
import io.modelcontextprotocol.spec.McpSchema.ElicitResult;
import io.modelcontextprotocol.spec.McpSchema.TextContent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ConfirmationsTest {
    final TestData data = new TestData();
    final ToolRegistry registry = data.registry();
    final ToolDef deleteModel = registry.find("delete_model").orElseThrow();
    final List<ElicitRequest> asked = new ArrayList<>();

    @AfterEach
    void close() {
        data.close();
    }

    CallToolResult call(Map<String, Object> args, boolean canAsk, ElicitResult answer) {
        Function<ElicitRequest, ElicitResult> ask = req -> {
            asked.add(req);
            return answer;
        };
        return Confirmations.call(deleteModel, args, canAsk, ask,
                a -> registry.invoke("delete_model", a, TestData.ACTOR, RegistryCalls.REGISTRY).result());
    }

    void model() {
        new RegistryCalls(registry).ok("create_model", Map.of("name", "resnet"));
    }

    @Test
    void asksAClientThatSupportsElicitationAndDeletesOnceTheUserAccepts() {
        model();
        CallToolResult r = call(Map.of("model", "resnet"), true,
                new ElicitResult(ElicitResult.Action.ACCEPT, Map.of("confirm", true)));

        assertThat(r.isError()).isFalse();
        assertThat(asked).singleElement().satisfies(
                q -> assertThat(q.message()).contains("delete_model").contains("resnet").contains("cannot be undone"));
        assertThat(data.store.registry().getModel("resnet")).isEmpty();
    }

    @Test
    void aDeclineOrAnUncheckedBoxDeletesNothing() {
        model();
        CallToolResult declined = call(Map.of("model", "resnet"), true,
                new ElicitResult(ElicitResult.Action.DECLINE, null));
        CallToolResult unchecked = call(Map.of("model", "resnet"), true,
                new ElicitResult(ElicitResult.Action.ACCEPT, Map.of("confirm", false)));

        assertThat(declined.isError()).isTrue();
        assertThat(((TextContent) declined.content().getFirst()).text()).contains("did not confirm")
                .contains("decline");
        assertThat(unchecked.isError()).isTrue();
        assertThat(data.store.registry().getModel("resnet")).isPresent();
    }

    @Test
    void withoutElicitationTheConfirmArgumentDecidesAndNobodyIsAsked() {
        model();
        CallToolResult refused = call(Map.of("model", "resnet"), false, null);
        assertThat(refused.isError()).isTrue();
        assertThat(((TextContent) refused.content().getFirst()).text()).contains("confirm=true");

        CallToolResult done = call(Map.of("model", "resnet", "confirm", true), true, null);

        assertThat(done.isError()).isFalse();
        assertThat(asked).isEmpty();
        assertThat(data.store.registry().getModel("resnet")).isEmpty();
    }

    @Test
    void onlyDestructiveToolsWithAConfirmArgumentAreConfirmed() {
        assertThat(Confirmations.needsConfirmation(deleteModel, Map.of("model", "m"))).isTrue();
        assertThat(Confirmations.needsConfirmation(deleteModel, Map.of("model", "m", "confirm", true))).isFalse();
        assertThat(Confirmations.needsConfirmation(registry.find("create_model").orElseThrow(), Map.of())).isFalse();
        assertThat(Confirmations.needsConfirmation(registry.find("get_run").orElseThrow(), null)).isFalse();
    }
}
