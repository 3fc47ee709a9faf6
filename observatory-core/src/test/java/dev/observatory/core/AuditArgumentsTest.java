package dev.observatory.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class AuditArgumentsTest {

    @Test
    void valuesOfSecretNamedKeysAreMaskedAtAnyDepth() {
        String json = AuditArguments.json(Map.of("token", "t0k3n-value", "nested",
                Map.of("Password", "hunter22", "api_key", "k-123456", "name", "tiny"), "Authorization", "Basic abc",
                "env", Map.of("HF_KEY", "hf-value-1", "MODEL", "gpt2")));
        assertThat(json).doesNotContain("t0k3n-value", "hunter22", "k-123456", "Basic abc", "hf-value-1")
                .contains("\"name\":\"tiny\"", "\"MODEL\":\"gpt2\"", "\"token\":\"***\"", "\"HF_KEY\":\"***\"");
    }

    @Test
    void secretLookingValuesAreMaskedWhateverTheirKey() {
        String json = AuditArguments.json(Map.of("command",
                List.of("curl", "-H", "Authorization: Bearer abc.def-123", "https://ada:pa55word@git.example/repo"),
                "note", "jwt eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl and ghp_abcdefghijklmnop1234", "args",
                "--api-key=zz9-secret --password: qq8"));
        assertThat(json).doesNotContain("abc.def-123", "pa55word", "eyJhbGciOiJIUzI1NiJ9", "ghp_abcdefghijklmnop1234",
                "zz9-secret", "qq8").contains("https://ada:***@git.example/repo", "curl");
    }

    @Test
    void theAuditedJsonIsBoundedInSizeDepthAndItems() {
        Map<String, Object> big = Map.of("text", "x".repeat(10_000), "items", IntStream.range(0, 100).boxed().toList(),
                "deep", Map.of("a", Map.of("b", Map.of("c", Map.of("d", 1)))));
        String json = AuditArguments.json(big);
        assertThat(json).doesNotContain("x".repeat(AuditArguments.MAX_STRING + 1)).contains("80 more items",
                "nested too deep");
        Map<String, Object> many = Map.of("list", IntStream.range(0, 20).mapToObj(i -> "y".repeat(190)).toList(),
                "list2", IntStream.range(0, 20).mapToObj(i -> "z".repeat(190)).toList());
        String cut = AuditArguments.json(many);
        assertThat(cut).hasSizeLessThanOrEqualTo(AuditArguments.MAX_JSON + "...(truncated)".length())
                .endsWith("...(truncated)");
    }
}
