package dev.observatory.analysis.checkpoints;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.TreeMap;

/**
 * The header of a GGUF file (llama.cpp): magic "GGUF", version, tensor count and the metadata key-value pairs, read
 * without touching the tensor data. Scalar values are kept (strings cut at 1,024 characters); arrays such as the
 * tokenizer vocabulary are skipped and kept as a summary ({@code "array<string>[151936]"}). Reading is bounded.
 *
 * @param version
 *            GGUF version (1-3)
 * @param tensorCount
 *            tensors in the file
 * @param metadataCount
 *            metadata key-value pairs
 * @param architecture
 *            {@code general.architecture} (e.g. "llama"), null when absent
 * @param name
 *            {@code general.name}, null when absent
 * @param fileType
 *            {@code general.file_type}, null when absent
 * @param fileTypeName
 *            llama.cpp's name of the file type ("Q4_K_M"), null when unknown
 * @param contextLength
 *            {@code <architecture>.context_length}, null when absent
 * @param metadata
 *            every metadata entry, scalar or summarised, sorted by key
 */
public record GgufHeader(int version, long tensorCount, long metadataCount, String architecture, String name,
        Integer fileType, String fileTypeName, Long contextLength, Map<String, Object> metadata) {

    /** Most bytes read from the stream before giving up. */
    public static final long MAX_HEADER_BYTES = 256L << 20;
    static final int MAX_STRING = 16 << 20;
    static final long MAX_COUNT = 10_000_000L;
    private static final String[] FILE_TYPES = { "ALL_F32", "MOSTLY_F16", "MOSTLY_Q4_0", "MOSTLY_Q4_1",
            "MOSTLY_Q4_1_SOME_F16", null, null, "MOSTLY_Q8_0", "MOSTLY_Q5_0", "MOSTLY_Q5_1", "MOSTLY_Q2_K",
            "MOSTLY_Q3_K_S", "MOSTLY_Q3_K_M", "MOSTLY_Q3_K_L", "MOSTLY_Q4_K_S", "MOSTLY_Q4_K_M", "MOSTLY_Q5_K_S",
            "MOSTLY_Q5_K_M", "MOSTLY_Q6_K", "MOSTLY_IQ2_XXS", "MOSTLY_IQ2_XS", "MOSTLY_Q2_K_S", "MOSTLY_IQ3_XS",
            "MOSTLY_IQ3_XXS", "MOSTLY_IQ1_S", "MOSTLY_IQ4_NL", "MOSTLY_IQ3_S", "MOSTLY_IQ3_M", "MOSTLY_IQ2_S",
            "MOSTLY_IQ2_M", "MOSTLY_IQ4_XS", "MOSTLY_IQ1_M", "MOSTLY_BF16" };

    public GgufHeader {
        metadata = java.util.Collections.unmodifiableMap(new TreeMap<>(metadata));
    }

    public static GgufHeader parse(byte[] bytes) {
        try {
            return parse(new ByteArrayInputStream(bytes));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Reads the header from the start of {@code in}; IllegalArgumentException when it is not a sane GGUF header. */
    public static GgufHeader parse(InputStream in) throws IOException {
        GgufReader r = new GgufReader(in, MAX_HEADER_BYTES);
        byte[] magic = r.bytes(4);
        if (magic[0] != 'G' || magic[1] != 'G' || magic[2] != 'U' || magic[3] != 'F') {
            throw new IllegalArgumentException("not a GGUF file: the magic bytes are not 'GGUF'");
        }
        int version = r.u32();
        if (version < 1 || version > 3) {
            throw new IllegalArgumentException("unsupported GGUF version " + Integer.toUnsignedString(version));
        }
        r.wideCounts = version >= 2;
        long tensors = r.count();
        long kvs = r.count();
        Map<String, Object> meta = new TreeMap<>();
        for (long i = 0; i < kvs; i++) {
            String key = r.string(65_535);
            meta.put(key, r.value(r.u32(), 0));
        }
        String arch = meta.get("general.architecture") instanceof String s ? s : null;
        Integer fileType = meta.get("general.file_type") instanceof Number n ? n.intValue() : null;
        Long context = arch != null && meta.get(arch + ".context_length") instanceof Number n ? n.longValue() : null;
        return new GgufHeader(version, tensors, kvs, arch, meta.get("general.name") instanceof String s ? s : null,
                fileType, fileTypeName(fileType), context, meta);
    }

    /** llama.cpp's name of a {@code general.file_type} value, null when unknown. */
    public static String fileTypeName(Integer fileType) {
        if (fileType == null || fileType < 0 || fileType >= FILE_TYPES.length) {
            return null;
        }
        String n = FILE_TYPES[fileType];
        return n == null ? null : n.replace("MOSTLY_", "");
    }
}
