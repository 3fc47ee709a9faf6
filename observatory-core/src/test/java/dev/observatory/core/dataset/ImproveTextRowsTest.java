package dev.observatory.core.dataset;

import static org.assertj.core.api.Assertions.assertThat;

import dev.observatory.core.Actor;
import dev.observatory.core.Auditor;
import dev.observatory.core.Tracking;
import dev.observatory.store.memory.InMemoryStorage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * auto_improve_dataset on JSONL and CSV: blank, invalid and repeated rows go; kept rows stay byte for byte; undo
 * restores.
 */
class ImproveTextRowsTest {
    static final Actor ME = new Actor("tester", "test");
    static final String ORIGINAL = "{\"text\": \"a\", \"label\": 1}\n" // 1 kept
            + "{\"text\": \"b\", \"label\": 0}\r\n" // 2 kept, CRLF kept as is
            + "\n" // 3 empty
            + "{\"text\": \"a\", \"label\": 1}\n" // 4 duplicate of 1
            + "{\"text\": \"c\", \"label\"\n" // 5 invalid JSON
            + "   \n" // 6 empty (whitespace)
            + "{\"text\": \"d\", \"label\": 0}"; // 7 kept, no final newline
    static final String CLEANED = "{\"text\": \"a\", \"label\": 1}\n{\"text\": \"b\", \"label\": 0}\r\n"
            + "{\"text\": \"d\", \"label\": 0}";
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

    Path dataset() throws Exception {
        Path dir = Files.createDirectories(root.resolve("sft"));
        Files.writeString(dir.resolve("train.jsonl"), ORIGINAL);
        Files.writeString(dir.resolve("clean.jsonl"), "{\"text\": \"x\"}\n{\"text\": \"y\"}\n");
        return dir;
    }

    @Test
    void aDryRunNamesTheRowsThatWouldGoAndTouchesNothing() throws Exception {
        Path dir = dataset();
        ImprovementPlan plan = datasets().improve(ME, "sft", ImproveOptions.all(), false, null);

        assertThat(plan.changes()).singleElement().satisfies(c -> {
            assertThat(c.action()).isEqualTo(DatasetChange.REMOVE_ROWS);
            assertThat(c.path()).isEqualTo("train.jsonl");
            assertThat(c.text()).contains("drop 4 of 7 rows (1 duplicate, 2 empty, 1 invalid JSON)")
                    .contains("[3, 4, 5, 6]");
        });
        assertThat(Files.readString(dir.resolve("train.jsonl"))).isEqualTo(ORIGINAL);
    }

    @Test
    void applyKeepsTheOtherRowsByteForByteAndUndoRestoresTheOriginal() throws Exception {
        Path dir = dataset();
        ImprovementPlan applied = datasets().improve(ME, "sft", ImproveOptions.all(), true, null);

        assertThat(applied.applied()).isTrue();
        assertThat(Files.readString(dir.resolve("train.jsonl"), StandardCharsets.UTF_8)).isEqualTo(CLEANED);
        assertThat(Files.readString(dir.resolve(".quarantine/" + applied.runId() + "/train.jsonl")))
                .isEqualTo(ORIGINAL);
        assertThat(Files.readString(dir.resolve("clean.jsonl"))).isEqualTo("{\"text\": \"x\"}\n{\"text\": \"y\"}\n");

        datasets().undo(ME, "sft", applied.runId());
        assertThat(Files.readString(dir.resolve("train.jsonl"), StandardCharsets.UTF_8)).isEqualTo(ORIGINAL);
    }

    @Test
    void onlyDedupeKeepsBlankAndInvalidRows() throws Exception {
        Path dir = dataset();
        ImprovementPlan applied = datasets().improve(ME, "sft", new ImproveOptions(false, true, false, false, null),
                true, null);

        assertThat(applied.changes()).singleElement().satisfies(c -> assertThat(c.reason()).isEqualTo("rows:dedupe"));
        assertThat(Files.readString(dir.resolve("train.jsonl"))).isEqualTo(
                ORIGINAL.replace("\n{\"text\": \"a\", \"label\": 1}\n{\"text\": \"c\"", "\n{\"text\": \"c\""));
    }

    @Test
    void csvRowsAreRecordsNotLinesAndTheHeaderStays() throws Exception {
        Path dir = Files.createDirectories(root.resolve("tab"));
        String multi = "2,\"two\nlines, \"\"quoted\"\"\",0\r\n";
        String original = "id,text,label\r\n" + "1,hello,1\r\n" + multi + ",,\r\n" + "1,hello,1\r\n" + multi
                + "3,\"lines\",1\r\n";
        Files.writeString(dir.resolve("data.csv"), original);

        ImprovementPlan applied = datasets().improve(ME, "tab", ImproveOptions.all(), true, null);

        assertThat(applied.changes()).singleElement()
                .satisfies(c -> assertThat(c.text()).contains("drop 3 of 7 rows (2 duplicate, 1 empty, 0 invalid"));
        assertThat(Files.readString(dir.resolve("data.csv")))
                .isEqualTo("id,text,label\r\n1,hello,1\r\n" + multi + "3,\"lines\",1\r\n");
        datasets().undo(ME, "tab", applied.runId());
        assertThat(Files.readString(dir.resolve("data.csv"))).isEqualTo(original);
    }
}
