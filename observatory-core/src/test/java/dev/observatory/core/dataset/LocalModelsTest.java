package dev.observatory.core.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalModelsTest {
    @TempDir
    Path root;

    /** A .safetensors file per the format: u64 LE header length, JSON header, then the tensor bytes. */
    static byte[] safetensors(String headerJson, int dataBytes) {
        byte[] header = headerJson.getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(8 + header.length + dataBytes).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(header.length).put(header);
        return b.array();
    }

    /** A GGUF v3 file: magic, version, tensor count, metadata count, then key/value pairs (little-endian). */
    static byte[] gguf(long tensors) {
        Le out = new Le();
        out.raw("GGUF".getBytes(StandardCharsets.US_ASCII)).u32(3).u64(tensors).u64(5);
        out.str("general.architecture").u32(8).str("llama");
        out.str("general.name").u32(8).str("Tiny Llama");
        out.str("llama.context_length").u32(4).u32(4096);
        out.str("tokenizer.ggml.tokens").u32(9).u32(8).u64(3).str("<s>").str("</s>").str("hi");
        out.str("general.file_type").u32(4).u32(15);
        out.raw(new byte[64]);
        return out.bytes();
    }

    static final class Le {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();

        Le raw(byte[] b) {
            out.writeBytes(b);
            return this;
        }

        Le u32(long v) {
            return raw(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt((int) v).array());
        }

        Le u64(long v) {
            return raw(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(v).array());
        }

        Le str(String s) {
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            return u64(b.length).raw(b);
        }

        byte[] bytes() {
            return out.toByteArray();
        }
    }

    @Test
    void readsSafetensorsAndGgufHeadersAndListsCheckpointsBySizeAndTime() throws Exception {
        String header = "{\"__metadata__\": {\"format\": \"pt\", \"ss_network_dim\": \"16\"},"
                + " \"w1\": {\"dtype\": \"F16\", \"shape\": [4, 8], \"data_offsets\": [0, 64]},"
                + " \"b1\": {\"dtype\": \"F32\", \"shape\": [8], \"data_offsets\": [64, 96]},"
                + " \"w2\": {\"dtype\": \"F16\", \"shape\": [2, 3, 4], \"data_offsets\": [96, 144]}}";
        DatasetFixtures.write(root, "sd/lora.safetensors", safetensors(header, 144));
        DatasetFixtures.write(root, "llm/tiny.gguf", gguf(201));
        Path ckpt = DatasetFixtures.write(root, "old/model.ckpt", new byte[1234]);
        Files.setLastModifiedTime(ckpt, FileTime.from(Instant.parse("2024-01-02T03:04:05Z")));
        DatasetFixtures.write(root, "old/notes.txt", new byte[3]);
        DatasetFixtures.write(root, "x/weights.pt", new byte[10]);

        LocalModels.Page page = new LocalModels(List.of(root)).list(null, true, 10, 0);

        assertThat(page.total()).isEqualTo(4);
        assertThat(page.files()).extracting(ModelFile::path).containsExactly("llm/tiny.gguf", "old/model.ckpt",
                "sd/lora.safetensors", "x/weights.pt");
        ModelFile g = page.files().get(0);
        assertThat(g.headerError()).isNull();
        assertThat(g.header()).containsEntry("version", 3).containsEntry("tensors", 201L)
                .containsEntry("metadata_count", 5L).containsEntry("architecture", "llama")
                .containsEntry("name", "Tiny Llama");
        assertThat(g.header().get("metadata_keys")).isEqualTo(List.of("general.architecture", "general.name",
                "llama.context_length", "tokenizer.ggml.tokens", "general.file_type"));
        @SuppressWarnings("unchecked")
        Map<String, Object> meta = (Map<String, Object>) g.header().get("metadata");
        assertThat(meta).containsEntry("llama.context_length", 4096L).containsEntry("general.file_type", 15L)
                .doesNotContainKey("tokenizer.ggml.tokens");
        ModelFile c = page.files().get(1);
        assertThat(c.size()).isEqualTo(1234);
        assertThat(c.modified()).isEqualTo(Instant.parse("2024-01-02T03:04:05Z"));
        assertThat(c.header()).isEmpty();
        ModelFile s = page.files().get(2);
        assertThat(s.header()).containsEntry("tensors", 3L).containsEntry("parameters", 64L)
                .containsEntry("dtypes", Map.of("F16", 2L, "F32", 1L))
                .containsEntry("metadata", Map.of("format", "pt", "ss_network_dim", "16"));
    }

    @Test
    void brokenHeadersAreReportedPerFileAndPagesAndFormatsFilter() {
        DatasetFixtures.write(root, "a.safetensors", safetensors("{not json", 0));
        DatasetFixtures.write(root, "b.safetensors", new byte[] { (byte) 0xFF, 0, 0, 0, 0, 0, 0, 0, 1 });
        DatasetFixtures.write(root, "c.gguf", DatasetFixtures.cut(gguf(1), 40));
        DatasetFixtures.write(root, "d.gguf", "GGML....".getBytes(StandardCharsets.US_ASCII));

        LocalModels models = new LocalModels(List.of(root));
        List<ModelFile> all = models.list(null, true, 10, 0).files();

        assertThat(all).extracting(ModelFile::headerError).containsExactly(
                "the header is not JSON: Unexpected character ('n' (code 110)): was expecting double-quote to start"
                        + " property name",
                "header length 255 is impossible for a file of 9 bytes", "the file ends inside its header",
                "no GGUF magic");
        assertThat(models.list("gguf", false, 1, 1).files()).extracting(ModelFile::path).containsExactly("d.gguf");
        assertThat(models.list("gguf", false, 1, 1).total()).isEqualTo(2);
        assertThatThrownBy(() -> models.list("onnx", false, 1, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
