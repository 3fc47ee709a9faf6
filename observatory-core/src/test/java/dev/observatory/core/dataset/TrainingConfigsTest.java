package dev.observatory.core.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.observatory.core.Actor;
import dev.observatory.core.Auditor;
import dev.observatory.core.ReadOnlyException;
import dev.observatory.core.Tracking;
import dev.observatory.model.dataset.TrainingConfig;
import dev.observatory.store.NotFoundException;
import dev.observatory.store.memory.InMemoryStorage;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class TrainingConfigsTest {
    static final Actor ME = new Actor("tester", "test");
    static final JsonMapper JSON = JsonMapper.builder().build();
    final Clock clock = Clock.fixed(Instant.parse("2025-06-01T10:05:00Z"), ZoneOffset.UTC);
    final InMemoryStorage store = new InMemoryStorage(clock);
    final Auditor auditor = new Auditor(store.audit(), clock);
    final TrainingConfigs configs = new TrainingConfigs(new Tracking(store, clock, false, auditor));

    @AfterEach
    void close() {
        auditor.close();
        store.close();
    }

    @Test
    void everyShippedTemplateIsValidAgainstItsOwnSchema() {
        assertThat(configs.templates()).extracting(ConfigTemplate::name).containsExactly("lora-finetune",
                "full-finetune", "classifier");
        for (ConfigTemplate t : configs.templates()) {
            assertThat(configs.validate(t.name(), t.yaml())).as(t.name()).isEmpty();
            assertThat(t.sections()).contains("training", "output_dir");
        }
    }

    @Test
    void createsAConfigFromATemplateWithNestedAndDottedOverrides() {
        TrainingConfig c = configs.create(ME, "sdxl-cats", "lora-finetune", null, JSON.readTree(
                "{\"training.learning_rate\": 0.0002, \"lora\": {\"rank\": 32}, \"dataset.path\":" + " \"cats\"}"),
                null, "cats LoRA");

        assertThat(c.version()).isEqualTo(1);
        assertThat(c.format()).isEqualTo("yaml");
        assertThat(c.template()).isEqualTo("lora-finetune");
        var doc = ConfigDocuments.parse(c.content(), "yaml");
        assertThat(doc.at("/training/learning_rate").asDouble()).isEqualTo(0.0002);
        assertThat(doc.at("/lora/rank").asInt()).isEqualTo(32);
        assertThat(doc.at("/lora/alpha").asInt()).as("untouched sibling kept").isEqualTo(16);
        assertThat(doc.at("/dataset/path").asString()).isEqualTo("cats");
        assertThat(doc.at("/training/max_steps").asInt()).isEqualTo(2000);
        assertThat(configs.validate(c)).isEmpty();
    }

    @Test
    void savingAgainAddsAVersionAndGetReadsAnyVersion() {
        configs.create(ME, "clf", "classifier", null, null, "json", null);
        configs.create(ME, "clf", "classifier", null, JSON.readTree("{\"training\": {\"epochs\": 5}}"), "json", null);

        assertThat(configs.get("clf", null).version()).isEqualTo(2);
        assertThat(configs.get("clf", 1).content()).contains("\"epochs\" : 20");
        assertThat(configs.get("clf", 2).content()).contains("\"epochs\" : 5").startsWith("{");
        assertThat(configs.versions("clf")).hasSize(2);
        assertThatThrownBy(() -> configs.get("clf", 3)).isInstanceOf(NotFoundException.class)
                .hasMessageContaining("has 2 version(s)");
        assertThatThrownBy(() -> configs.get("nope", null)).isInstanceOf(NotFoundException.class);
        assertThat(configs.list(null, 10, 0)).extracting(TrainingConfig::name).containsExactly("clf");
        assertThat(configs.count("classifier")).isEqualTo(1);
        assertThat(configs.count("lora-finetune")).isZero();
    }

    @Test
    void validationNamesTheJsonPathOfEveryProblem() {
        String yaml = """
                model:
                  base: m
                dataset:
                  path: d
                lora:
                  rank: 0
                training:
                  batch_size: two
                  learning_rate: -0.1
                  lr_scheduler: sometimes
                  surprise: 1
                output_dir: out
                """;
        List<Violation> v = configs.validate("lora-finetune", yaml);

        assertThat(v).extracting(Violation::path).containsExactly("$.lora.rank", "$.training.batch_size",
                "$.training.learning_rate", "$.training.lr_scheduler", "$.training.max_steps", "$.training.surprise");
        assertThat(v).extracting(Violation::keyword).containsExactly("minimum", "type", "exclusiveMinimum", "enum",
                "required", "additionalProperties");
        assertThat(v.get(1).message()).contains("string").contains("integer");
        assertThat(v.get(4).message()).contains("max_steps");
    }

    @Test
    void aConfigThatDoesNotParseIsOneViolationWithItsLine() {
        List<Violation> v = configs.validate("classifier", "model:\n  backbone: [unclosed\n");
        assertThat(v).hasSize(1);
        assertThat(v.get(0).path()).isEqualTo("$");
        assertThat(v.get(0).keyword()).isEqualTo("parse");
        assertThat(v.get(0).message()).contains("YAML").contains("line");
        assertThat(configs.validate("classifier", "{\"model\": ")).extracting(Violation::keyword)
                .containsExactly("parse");
    }

    @Test
    void anInvalidConfigIsNotSavedAndTheErrorListsTheViolations() {
        assertThatThrownBy(() -> configs.create(ME, "bad", "full-finetune", null,
                JSON.readTree("{\"training.learning_rate\": 5}"), null, null))
                        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("$.training.learning_rate");
        assertThat(configs.count(null)).isZero();
        assertThatThrownBy(() -> configs.validate("nope", "a: 1")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("lora-finetune, full-finetune, classifier");
        assertThatThrownBy(() -> configs.create(ME, "bad name!", "classifier", null, null, null, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("config name");
    }

    @Test
    void requireValidGatesAJobStartOnTheStoredVersion() {
        configs.create(ME, "ok", "classifier", null, null, null, null);
        assertThat(configs.requireValid("ok", null).version()).isEqualTo(1);
        assertThatThrownBy(() -> configs.requireValid("missing", null)).isInstanceOf(NotFoundException.class);
    }

    @Test
    void savingIsRefusedInReadOnlyMode() {
        TrainingConfigs readOnly = new TrainingConfigs(new Tracking(store, clock, true, auditor));
        assertThatThrownBy(() -> readOnly.create(ME, "x", "classifier", null, null, null, null))
                .isInstanceOf(ReadOnlyException.class);
        assertThat(store.audit()).isNotNull();
    }
}
