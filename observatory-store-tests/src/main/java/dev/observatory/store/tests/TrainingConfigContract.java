package dev.observatory.store.tests;

import static org.assertj.core.api.Assertions.assertThat;

import dev.observatory.model.dataset.NewTrainingConfig;
import dev.observatory.model.dataset.TrainingConfig;
import dev.observatory.store.TrainingConfigStore;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Training configs: append-only versions per name, latest-version listing by name and template. */
abstract class TrainingConfigContract extends StorageFixture {

    TrainingConfigStore configs;

    @BeforeEach
    void configs() {
        configs = storage.trainingConfigs();
    }

    TrainingConfig save(String name, String template, String content) {
        return configs.save(new NewTrainingConfig(name, template, "yaml", content, "about " + name));
    }

    @Test
    void savingANameAgainAddsTheNextVersionAndKeepsTheEarlierOne() {
        Instant before = Instant.now().minusSeconds(1);
        TrainingConfig v1 = save("sdxl-lora", "lora-finetune", "rank: 8\n");
        TrainingConfig v2 = save("sdxl-lora", "lora-finetune", "rank: 16\n");

        assertThat(v1.version()).isEqualTo(1);
        assertThat(v2.version()).isEqualTo(2);
        assertThat(v1.created()).isAfter(before);
        assertThat(configs.get("sdxl-lora", 1)).contains(v1);
        assertThat(configs.get("sdxl-lora", 2)).contains(v2);
        assertThat(configs.get("sdxl-lora", 3)).isEmpty();
        assertThat(configs.latest("sdxl-lora")).contains(v2);
        assertThat(configs.versions("sdxl-lora")).containsExactly(v1, v2);
        assertThat(v1.content()).isEqualTo("rank: 8\n");
        assertThat(v1.description()).isEqualTo("about sdxl-lora");
        assertThat(v1.format()).isEqualTo("yaml");
    }

    @Test
    void anUnknownNameHasNoVersions() {
        assertThat(configs.latest("nope")).isEmpty();
        assertThat(configs.get("nope", 1)).isEmpty();
        assertThat(configs.versions("nope")).isEmpty();
        assertThat(configs.count(null)).isZero();
    }

    @Test
    void listsTheLatestVersionOfEveryNameInNameOrderPagedAndByTemplate() {
        save("b-classifier", "classifier", "a: 1\n");
        save("a-lora", "lora-finetune", "a: 1\n");
        save("a-lora", "lora-finetune", "a: 2\n");
        save("C-full", "full-finetune", "a: 1\n");
        save("c-lora", "lora-finetune", "a: 1\n");

        List<TrainingConfig> all = configs.list(null, 10, 0);
        assertThat(all).extracting(TrainingConfig::name).containsExactly("C-full", "a-lora", "b-classifier", "c-lora");
        assertThat(all.get(1).version()).isEqualTo(2);
        assertThat(all.get(1).content()).isEqualTo("a: 2\n");
        assertThat(configs.count(null)).isEqualTo(4);
        assertThat(configs.list(null, 2, 1)).extracting(TrainingConfig::name).containsExactly("a-lora", "b-classifier");
        assertThat(configs.list("lora-finetune", 10, 0)).extracting(TrainingConfig::name).containsExactly("a-lora",
                "c-lora");
        assertThat(configs.count("lora-finetune")).isEqualTo(2);
        assertThat(configs.count("classifier")).isEqualTo(1);
    }

    @Test
    void keepsContentWithUnicodeAndNewlinesExactly() {
        String content = "{\n  \"name\": \"Größe ✓\",\n  \"lr\": 1e-4\n}";
        save("json-one", "full-finetune", content);
        assertThat(configs.latest("json-one").orElseThrow().content()).isEqualTo(content);
    }
}
