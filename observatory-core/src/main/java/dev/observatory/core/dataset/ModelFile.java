package dev.observatory.core.dataset;

import java.time.Instant;
import java.util.Map;

/**
 * A model weight file found under a model root.
 *
 * @param root
 *            the model root it was found under
 * @param path
 *            path relative to the root ('/' separators)
 * @param format
 *            safetensors, gguf, ckpt or pt
 * @param header
 *            facts read from the header (safetensors: tensors, dtypes, parameters, metadata; gguf: version, tensors,
 *            metadata_keys, general.* values); empty for ckpt/pt
 * @param headerError
 *            why the header could not be read (null when it was, or when the format has none to read)
 */
public record ModelFile(String root, String path, String format, long size, Instant modified,
        Map<String, Object> header, String headerError) {
}
