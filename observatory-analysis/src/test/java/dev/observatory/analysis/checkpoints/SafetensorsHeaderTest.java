package dev.observatory.analysis.checkpoints;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SafetensorsHeaderTest {

    /** A safetensors file: length, JSON header (space-padded like the reference writer), then {@code data} bytes. */
    static byte[] file(String json, int data) {
        byte[] h = (json + "   ").getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(8 + h.length + data).order(ByteOrder.LITTLE_ENDIAN).putLong(h.length).put(h).array();
    }

    static final String HEADER = """
            {"__metadata__":{"format":"pt","step":"1000"},
             "embed.weight":{"dtype":"BF16","shape":[1000,64],"data_offsets":[0,128000]},
             "layer.0.weight":{"dtype":"F32","shape":[64,64],"data_offsets":[128000,144384]},
             "layer.0.bias":{"dtype":"F32","shape":[64],"data_offsets":[144384,144640]},
             "scale":{"dtype":"F32","shape":[],"data_offsets":[144640,144644]}}""";

    @Test
    void countsTensorsParametersAndDtypesWithoutReadingWeights() throws Exception {
        byte[] bytes = file(HEADER, 144_644);
        ByteArrayInputStream in = new ByteArrayInputStream(bytes);

        SafetensorsHeader h = SafetensorsHeader.parse(in);

        assertThat(h.tensorCount()).isEqualTo(4);
        assertThat(h.parameterCount()).isEqualTo(64_000 + 4096 + 64 + 1);
        assertThat(h.tensorsByDtype()).containsEntry("BF16", 1).containsEntry("F32", 3);
        assertThat(h.parametersByDtype()).containsEntry("BF16", 64_000L).containsEntry("F32", 4161L);
        assertThat(h.dataBytes()).isEqualTo(144_644);
        assertThat(h.metadata()).containsEntry("format", "pt").containsEntry("step", "1000");
        assertThat(in.available()).as("weights left unread").isEqualTo(144_644);
    }

    @Test
    void parsesAHeaderGivenAsBytes() {
        SafetensorsHeader h = SafetensorsHeader
                .parse(file("{\"a\":{\"dtype\":\"F16\",\"shape\":[2,3]," + "\"data_offsets\":[0,12]}}", 12));

        assertThat(h.tensorCount()).isEqualTo(1);
        assertThat(h.parameterCount()).isEqualTo(6);
        assertThat(h.metadata()).isEmpty();
    }

    @Test
    void refusesAbsurdHeaderLengthsBeforeAllocatingAnything() {
        byte[] huge = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putLong(Long.MAX_VALUE).array();
        byte[] negative = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putLong(-5).array();
        byte[] over = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putLong(100_000_001L).array();

        assertThatThrownBy(() -> SafetensorsHeader.parse(huge)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("header length");
        assertThatThrownBy(() -> SafetensorsHeader.parse(negative)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SafetensorsHeader.parse(over)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refusesTruncatedOrMalformedHeaders() {
        byte[] full = file(HEADER, 0);
        byte[] truncated = java.util.Arrays.copyOf(full, 40);

        assertThatThrownBy(() -> SafetensorsHeader.parse(truncated)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("truncated");
        assertThatThrownBy(() -> SafetensorsHeader.parse(new byte[3])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SafetensorsHeader.parse(file("{\"a\":{\"dtype\":\"F32\"}}", 0)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'a'");
        assertThatThrownBy(() -> SafetensorsHeader.parse(file("{\"a\":", 0)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("malformed JSON");
        assertThatThrownBy(() -> SafetensorsHeader.parse(file("[1,2]", 0)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SafetensorsHeader
                .parse(file("{\"a\":{\"dtype\":\"F32\",\"shape\":[-1],\"data_offsets\":[0,4]}}", 0)))
                        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("shape");
        assertThatThrownBy(() -> SafetensorsHeader
                .parse(file("{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[8,4]}}", 0)))
                        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("data_offsets");
    }

    @Test
    void keepsEscapedAndNonAsciiMetadata() {
        SafetensorsHeader h = SafetensorsHeader
                .parse(file("{\"__metadata__\":{\"note\":\"line\\nbr\\u00e9ak \\\"q\\\"\"}}", 0));

        assertThat(h.metadata()).containsEntry("note", "line\nbréak \"q\"");
        assertThat(h.tensorCount()).isZero();
    }
}
