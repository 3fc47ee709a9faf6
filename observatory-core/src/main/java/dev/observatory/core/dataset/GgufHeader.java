package dev.observatory.core.dataset;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a GGUF header (versions 2 and 3; little-endian): magic {@code GGUF}, uint32 version, uint64 tensor count,
 * uint64 metadata count, then the metadata key/value pairs. Keeps every key name (up to 500) and the values of
 * {@code general.*} keys and of other scalar keys; arrays are reported by element type and length.
 */
final class GgufHeader {
    private static final int MAX_KEYS = 500;
    private static final long MAX_STRING = 16L << 20;

    private GgufHeader() {
    }

    static Map<String, Object> read(Path file) throws IOException {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16))) {
            byte[] magic = in.readNBytes(4);
            if (!new String(magic, StandardCharsets.ISO_8859_1).equals("GGUF")) {
                throw new IOException("no GGUF magic");
            }
            int version = Integer.reverseBytes(in.readInt());
            if (version < 2 || version > 3) {
                throw new IOException("GGUF version " + version + " is not supported (2 and 3 are)");
            }
            long tensors = Long.reverseBytes(in.readLong());
            long kvs = Long.reverseBytes(in.readLong());
            if (tensors < 0 || kvs < 0 || kvs > 1_000_000) {
                throw new IOException("impossible counts: " + tensors + " tensors, " + kvs + " metadata keys");
            }
            List<String> keys = new ArrayList<>();
            Map<String, Object> values = new LinkedHashMap<>();
            for (long i = 0; i < kvs; i++) {
                String key = string(in);
                int type = Integer.reverseBytes(in.readInt());
                Object value = value(in, type);
                if (keys.size() < MAX_KEYS) {
                    keys.add(key);
                }
                if (values.size() < 100 && (key.startsWith("general.") || !(value instanceof Map))) {
                    values.put(key, value instanceof String s ? SafetensorsHeader.clip(s) : value);
                }
            }
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("version", version);
            out.put("tensors", tensors);
            out.put("metadata_count", kvs);
            out.put("architecture", values.get("general.architecture"));
            out.put("name", values.get("general.name"));
            out.put("metadata_keys", keys);
            out.put("metadata", values);
            return out;
        } catch (EOFException e) {
            throw new IOException("the file ends inside its header");
        }
    }

    private static Object value(DataInputStream in, int type) throws IOException {
        return switch (type) {
            case 0 -> in.readUnsignedByte();
            case 1 -> (int) in.readByte();
            case 2 -> Short.toUnsignedInt(Short.reverseBytes(in.readShort()));
            case 3 -> (int) Short.reverseBytes(in.readShort());
            case 4 -> Integer.toUnsignedLong(Integer.reverseBytes(in.readInt()));
            case 5 -> Integer.reverseBytes(in.readInt());
            case 6 -> (double) Float.intBitsToFloat(Integer.reverseBytes(in.readInt()));
            case 7 -> in.readByte() != 0;
            case 8 -> string(in);
            case 9 -> array(in);
            case 10, 11 -> Long.reverseBytes(in.readLong());
            case 12 -> Double.longBitsToDouble(Long.reverseBytes(in.readLong()));
            default -> throw new IOException("unknown metadata value type " + type);
        };
    }

    /** Skips the elements; reports {type, length}. */
    private static Map<String, Object> array(DataInputStream in) throws IOException {
        int type = Integer.reverseBytes(in.readInt());
        long n = Long.reverseBytes(in.readLong());
        if (n < 0 || n > 100_000_000) {
            throw new IOException("impossible array length " + n);
        }
        for (long i = 0; i < n; i++) {
            if (type == 8) {
                skipString(in);
            } else {
                value(in, type);
            }
        }
        return Map.of("array_of", typeName(type), "length", n);
    }

    private static String string(DataInputStream in) throws IOException {
        long n = Long.reverseBytes(in.readLong());
        if (n < 0 || n > MAX_STRING) {
            throw new IOException("impossible string length " + n);
        }
        return new String(in.readNBytes((int) n), StandardCharsets.UTF_8);
    }

    private static void skipString(DataInputStream in) throws IOException {
        long n = Long.reverseBytes(in.readLong());
        if (n < 0 || n > MAX_STRING) {
            throw new IOException("impossible string length " + n);
        }
        in.skipNBytes(n);
    }

    private static String typeName(int type) {
        List<String> names = List.of("uint8", "int8", "uint16", "int16", "uint32", "int32", "float32", "bool", "string",
                "array", "uint64", "int64", "float64");
        return type >= 0 && type < names.size() ? names.get(type) : "unknown";
    }
}
