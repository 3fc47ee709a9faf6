package dev.observatory.analysis.checkpoints;

import java.util.Locale;

/** The file format of a checkpoint file, from its extension. */
public enum CheckpointFormat {
    /** {@code .pt}, {@code .pth}: torch.save pickles. */
    PYTORCH,
    /** {@code .bin}: Hugging Face {@code pytorch_model.bin} and similar pickles. */
    PYTORCH_BIN,
    /** {@code .ckpt}: PyTorch Lightning (or TensorFlow) checkpoints. */
    CKPT,
    /** {@code .safetensors}: header readable with {@link SafetensorsHeader}. */
    SAFETENSORS,
    /** {@code .gguf}: header readable with {@link GgufHeader}. */
    GGUF,
    /** {@code .onnx}. */
    ONNX,
    /** {@code .h5}, {@code .keras}. */
    KERAS,
    /** A checkpoint folder itself (a key ending in '/'). */
    FOLDER,
    /** Any other file (optimizer state, trainer_state.json, config.json inside a checkpoint folder). */
    OTHER;

    /** The format of a file name; OTHER when the extension holds no weights. */
    public static CheckpointFormat ofName(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        int dot = n.lastIndexOf('.');
        String ext = dot < 0 ? "" : n.substring(dot + 1);
        return switch (ext) {
            case "pt", "pth" -> PYTORCH;
            case "bin" -> PYTORCH_BIN;
            case "ckpt" -> CKPT;
            case "safetensors" -> SAFETENSORS;
            case "gguf" -> GGUF;
            case "onnx" -> ONNX;
            case "h5", "keras" -> KERAS;
            default -> OTHER;
        };
    }

    /** Whether files of this format hold weights. */
    public boolean weights() {
        return this != OTHER && this != FOLDER;
    }
}
