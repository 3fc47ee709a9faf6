package dev.observatory.analysis.checkpoints;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class GgufHeaderTest {

    /** Writes GGUF v3 header fields little-endian. */
    static final class Gguf {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();

        Gguf raw(byte[] b) {
            out.writeBytes(b);
            return this;
        }

        Gguf u32(int v) {
            return raw(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(v).array());
        }

        Gguf u64(long v) {
            return raw(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(v).array());
        }

        Gguf str(String s) {
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            return u64(b.length).raw(b);
        }

        Gguf kvString(String k, String v) {
            return str(k).u32(8).str(v);
        }

        Gguf kvU32(String k, int v) {
            return str(k).u32(4).u32(v);
        }

        byte[] bytes() {
            return out.toByteArray();
        }
    }

    static Gguf header(long tensors, long kvs) {
        return new Gguf().raw("GGUF".getBytes(StandardCharsets.US_ASCII)).u32(3).u64(tensors).u64(kvs);
    }

    @Test
    void readsArchitectureNameFileTypeAndContextLength() throws Exception {
        Gguf g = header(291, 6).kvString("general.architecture", "llama").kvString("general.name", "Tiny Llama")
                .kvU32("general.file_type", 15).kvU32("llama.context_length", 4096);
        g.str("tokenizer.ggml.tokens").u32(9).u32(8).u64(3).str("<s>").str("</s>").str("hello");
        g.str("llama.rope.freq_base").u32(6)
                .raw(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putFloat(10000f).array());
        g.raw(new byte[64]); // tensor infos would follow: never read

        GgufHeader h = GgufHeader.parse(g.bytes());

        assertThat(h.version()).isEqualTo(3);
        assertThat(h.tensorCount()).isEqualTo(291);
        assertThat(h.metadataCount()).isEqualTo(6);
        assertThat(h.architecture()).isEqualTo("llama");
        assertThat(h.name()).isEqualTo("Tiny Llama");
        assertThat(h.fileType()).isEqualTo(15);
        assertThat(h.fileTypeName()).isEqualTo("Q4_K_M");
        assertThat(h.contextLength()).isEqualTo(4096L);
        assertThat(h.metadata()).containsEntry("tokenizer.ggml.tokens", "array<string>[3]")
                .containsEntry("llama.rope.freq_base", 10000.0);
    }

    @Test
    void refusesAFileWithoutTheMagic() {
        byte[] notGguf = new Gguf().raw("GGML".getBytes(StandardCharsets.US_ASCII)).u32(3).u64(0).u64(0).bytes();

        assertThatThrownBy(() -> GgufHeader.parse(notGguf)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("magic");
    }

    @Test
    void refusesAbsurdCountsLengthsAndVersions() {
        assertThatThrownBy(() -> GgufHeader.parse(header(1, Long.MAX_VALUE).bytes()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("absurd");
        assertThatThrownBy(() -> GgufHeader.parse(header(1, 1).u64(Long.MAX_VALUE).bytes()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("too long");
        assertThatThrownBy(() -> GgufHeader.parse(header(1, 1).str("k").u32(8).u64(1L << 40).bytes()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("too long");
        assertThatThrownBy(() -> GgufHeader.parse(header(1, 1).str("k").u32(99).bytes()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("type");
        byte[] v9 = new Gguf().raw("GGUF".getBytes(StandardCharsets.US_ASCII)).u32(9).u64(0).u64(0).bytes();
        assertThatThrownBy(() -> GgufHeader.parse(v9)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("version");
    }

    @Test
    void refusesATruncatedHeader() {
        byte[] cut = header(1, 2).kvString("general.architecture", "llama").bytes();

        assertThatThrownBy(() -> GgufHeader.parse(cut)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("truncated");
    }

    @Test
    void skipsLargeNumericArraysWithoutKeepingThem() {
        Gguf g = header(0, 1).str("tokenizer.ggml.scores").u32(9).u32(6).u64(100_000).raw(new byte[400_000]);

        GgufHeader h = GgufHeader.parse(g.bytes());

        assertThat(h.metadata()).containsEntry("tokenizer.ggml.scores", "array<float32>[100000]");
        assertThat(h.architecture()).isNull();
        assertThat(h.fileTypeName()).isNull();
    }
}
