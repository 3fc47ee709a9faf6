package dev.observatory.core.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import dev.observatory.core.Auditor;
import dev.observatory.core.Tracking;
import dev.observatory.store.memory.InMemoryStorage;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DiagnoseTextTest {
    @TempDir
    Path root;
    final Clock clock = Clock.fixed(Instant.parse("2025-06-01T10:05:00Z"), ZoneOffset.UTC);
    final InMemoryStorage store = new InMemoryStorage(clock);
    final Auditor auditor = new Auditor(store.audit(), clock);

    @AfterEach
    void close() {
        auditor.close();
        store.close();
    }

    Datasets datasets() {
        return new Datasets(new Tracking(store, clock, false, auditor),
                new DatasetSettings(List.of(root), List.of(root)));
    }

    @Test
    void jsonlSchemaEmptyDuplicateAndBrokenRowsLengthsAndLabelBalance() {
        DatasetFixtures.text(root.resolve("reviews"), "train.jsonl", """
                {"text": "hello world", "label": "pos"}
                {"text": "bad movie", "label": "neg"}
                {"text": "hello world", "label": "pos"}

                {"text": "", "label": null}
                not json
                {"text": "great", "label": "pos", "score": 3}
                [1, 2]
                {"text": "fine", "label": "pos", "score": 2.5}
                """);

        DatasetDiagnosis d = datasets().diagnose("reviews", null, null, null);

        assertThat(d.kind()).isEqualTo("text");
        TextReport t = d.text();
        assertThat(t.files()).isEqualTo(1);
        assertThat(t.rows()).isEqualTo(5);
        assertThat(t.duplicateRows()).isEqualTo(1);
        assertThat(t.emptyRows()).isEqualTo(2);
        assertThat(t.unparsable()).isEqualTo(2);
        assertThat(t.fields()).containsExactly(new TextReport.Field("text", Map.of("string", 5L), 5),
                new TextReport.Field("label", Map.of("string", 5L), 5),
                new TextReport.Field("score", Map.of("integer", 1L, "number", 1L), 2));
        assertThat(t.textField()).isEqualTo("text");
        assertThat(t.textChars()).isEqualTo(new LengthStats(5, 4, 11, 8.0, 9, 11));
        assertThat(t.labelField()).isEqualTo("label");
        assertThat(t.labels()).containsExactly(entry("pos", 4L), entry("neg", 1L));
        assertThat(t.imbalance()).isEqualTo(4.0);
        assertThat(t.examples()).containsExactly("train.jsonl:3: duplicate row", "train.jsonl:4: empty row",
                "train.jsonl:5: empty row", "train.jsonl:6: not a JSON object", "train.jsonl:8: not a JSON object");
        assertThat(d.findings()).containsExactly("2 row(s) that do not parse (bad JSON or wrong cell count)",
                "1 duplicate row(s)", "2 empty row(s)",
                "labels of 'label' are imbalanced: the most common is 4.0x the least common");
    }

    @Test
    void csvWithQuotedCellsLineBreaksAndAWrongCellCount() {
        DatasetFixtures.text(root.resolve("tab"), "data.csv", "id,review,category\r\n1,\"great, really\",a\r\n"
                + "2,\"multi\nline\",b\r\n3,,\r\n1,\"great, really\",a\r\n4,too,many,cells\r\n,,\r\n");

        TextReport t = datasets().diagnose("tab", null, null, null).text();

        assertThat(t.rows()).isEqualTo(4);
        assertThat(t.duplicateRows()).isEqualTo(1);
        assertThat(t.unparsable()).isEqualTo(1);
        assertThat(t.emptyRows()).isEqualTo(1);
        assertThat(t.fields()).extracting(TextReport.Field::name).containsExactly("id", "review", "category");
        assertThat(t.fields().get(0).types()).isEqualTo(Map.of("integer", 4L));
        assertThat(t.fields().get(1).types()).isEqualTo(Map.of("string", 3L, "null", 1L));
        assertThat(t.textField()).isEqualTo("review");
        assertThat(t.textChars()).isEqualTo(new LengthStats(3, 10, 13, 12.0, 13, 13));
        assertThat(t.labelField()).isEqualTo("category");
        assertThat(t.labels()).containsExactly(entry("a", 2L), entry("b", 1L));
        assertThat(t.distinctLabels()).isEqualTo(2);
        assertThat(t.examples()).containsExactly("data.csv:6: duplicate row", "data.csv:7: 4 cells, the header has 3",
                "data.csv:8: empty row");
    }

    @Test
    void namedTextAndLabelFieldsOverrideTheGuess() {
        DatasetFixtures.text(root.resolve("qa"), "qa.jsonl", """
                {"question": "why?", "answer": "because it is so", "topic": "x"}
                {"question": "how?", "answer": "like this", "topic": "y"}
                """);
        TextReport t = datasets().diagnose("qa", "question", "topic", null).text();
        assertThat(t.textField()).isEqualTo("question");
        assertThat(t.textChars().max()).isEqualTo(4);
        assertThat(t.labelField()).isEqualTo("topic");
        assertThat(t.labels()).containsExactly(entry("x", 1L), entry("y", 1L));
        assertThat(t.imbalance()).isEqualTo(1.0);
    }
}
