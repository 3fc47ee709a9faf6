package dev.observatory.analysis.checkpoints;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Recognises checkpoints by the common naming conventions of training frameworks, from a key or path alone:
 * <ul>
 * <li>{@code step_000100.pt}, {@code model_step-2000.safetensors}, {@code iter_500.pth}, {@code global_step300.bin}
 * (step in the file name);</li>
 * <li>{@code checkpoint-500/} folders of Hugging Face Trainer, with every file inside ({@code model.safetensors},
 * {@code optimizer.pt}, {@code trainer_state.json}) grouped under the folder;</li>
 * <li>{@code step_100/}, {@code global_step100/}, {@code epoch_3/} folders holding weights files;</li>
 * <li>{@code epoch=3-step=1000.ckpt} of PyTorch Lightning;</li>
 * <li>weights files ({@code .pt .pth .bin .ckpt .safetensors}) ending in a number ({@code weights_1000.pth});</li>
 * <li>{@code *.gguf} files (no step unless named), and {@code last.ckpt} / {@code best.pt} / {@code final.safetensors}.
 * </li>
 * </ul>
 * Pure: nothing is read. Shard names ({@code model-00001-of-00004.safetensors}) never give a step.
 */
public final class CheckpointLayouts {
    private static final Pattern HF_FOLDER = Pattern.compile("(?i)checkpoint[-_](\\d{1,12})");
    private static final Pattern STEP_FOLDER = Pattern
            .compile("(?i)(?:global[-_]?)?(?:step|iter|iteration)s?[-_=]?(\\d{1,12})");
    private static final Pattern EPOCH_FOLDER = Pattern.compile("(?i)epoch[-_=]?(\\d{1,9})");
    private static final Pattern LIGHTNING_EPOCH = Pattern.compile("(?i)(?:^|[-_.])epoch=(\\d{1,9})");
    private static final Pattern LIGHTNING_STEP = Pattern.compile("(?i)(?:^|[-_.])step=(\\d{1,12})");
    private static final Pattern FILE_STEP = Pattern.compile(
            "(?i)(?:^|[-_.])(?:global[-_]?)?(?:step|iter|iteration|it|checkpoint|ckpt)s?[-_]?(\\d{1,12})(?=$|[-_.])");
    private static final Pattern FILE_EPOCH = Pattern.compile("(?i)(?:^|[-_.])(?:epoch|ep)[-_]?(\\d{1,9})(?=$|[-_.])");
    private static final Pattern TRAILING_NUMBER = Pattern.compile("[-_.](\\d{1,12})$");
    private static final Pattern SHARD = Pattern.compile("(?i)\\d+-of-\\d+");
    private static final Pattern NAMED = Pattern.compile("(?i)^(last|best|final|latest)(?:$|[-_.].*)");

    private CheckpointLayouts() {
    }

    /** The checkpoint {@code key} is (part of), or empty when it follows no known layout. */
    public static Optional<CheckpointMatch> recognise(String key) {
        if (key == null || key.isBlank()) {
            return Optional.empty();
        }
        String k = key.replace('\\', '/');
        boolean folderKey = k.endsWith("/");
        String[] segments = (folderKey ? k.substring(0, k.length() - 1) : k).split("/");
        if (segments.length == 0) {
            return Optional.empty();
        }
        Folder folder = folder(segments, folderKey ? segments.length : segments.length - 1);
        if (folderKey) {
            return folder == null || folder.index != segments.length - 1 ? Optional.empty()
                    : Optional.of(new CheckpointMatch(key, key, folder.step, folder.epoch, CheckpointFormat.FOLDER,
                            folder.layout));
        }
        return file(key, segments[segments.length - 1], folder);
    }

    /** Whether {@code key} is recognised as a checkpoint file holding weights. */
    public static boolean isCheckpointWeights(String key) {
        return recognise(key).map(CheckpointMatch::weights).orElse(false);
    }

    private record Folder(int index, String group, Long step, Integer epoch, String layout) {
    }

    /** The deepest folder among the first {@code count} segments that names a step or an epoch. */
    private static Folder folder(String[] segments, int count) {
        for (int i = count - 1; i >= 0; i--) {
            String s = segments[i];
            String group = String.join("/", java.util.Arrays.copyOf(segments, i + 1)) + "/";
            Matcher m = HF_FOLDER.matcher(s);
            if (m.matches()) {
                return new Folder(i, group, Long.parseLong(m.group(1)), null, "hf_checkpoint_folder");
            }
            Long step = whole(STEP_FOLDER, s);
            Long epoch = whole(EPOCH_FOLDER, s);
            Long lStep = find(LIGHTNING_STEP, s);
            Long lEpoch = find(LIGHTNING_EPOCH, s);
            if (step != null || lStep != null) {
                return new Folder(i, group, step != null ? step : lStep, lEpoch == null ? null : lEpoch.intValue(),
                        "step_folder");
            }
            if (epoch != null || lEpoch != null) {
                return new Folder(i, group, null, (epoch != null ? epoch : lEpoch).intValue(), "epoch_folder");
            }
        }
        return null;
    }

    private static Optional<CheckpointMatch> file(String key, String name, Folder folder) {
        CheckpointFormat format = CheckpointFormat.ofName(name);
        String base = name.contains(".") ? name.substring(0, name.lastIndexOf('.')) : name;
        if (folder != null) {
            Long step = folder.step;
            Integer epoch = folder.epoch;
            if (format.weights()) {
                step = step != null ? step : fileStep(base);
                epoch = epoch != null ? epoch : fileEpoch(base);
            }
            return Optional.of(new CheckpointMatch(key, folder.group, step, epoch, format, folder.layout));
        }
        if (!format.weights()) {
            return Optional.empty();
        }
        Long lStep = find(LIGHTNING_STEP, base);
        Long lEpoch = find(LIGHTNING_EPOCH, base);
        if (lStep != null || lEpoch != null) {
            return match(key, lStep, lEpoch, format, "lightning");
        }
        Long step = fileStep(base);
        Long epoch = find(FILE_EPOCH, base);
        if (step != null) {
            return match(key, step, epoch, format, "step_file");
        }
        if (epoch != null) {
            return match(key, null, epoch, format, "epoch_file");
        }
        Long trailing = SHARD.matcher(base).find() || format == CheckpointFormat.GGUF ? null
                : find(TRAILING_NUMBER, base);
        if (trailing != null) {
            return match(key, trailing, null, format, "numbered_file");
        }
        if (format == CheckpointFormat.GGUF) {
            return match(key, null, null, format, "gguf");
        }
        if (NAMED.matcher(base.toLowerCase(Locale.ROOT)).matches()) {
            return match(key, null, null, format, "named");
        }
        return Optional.empty();
    }

    private static Optional<CheckpointMatch> match(String key, Long step, Long epoch, CheckpointFormat format,
            String layout) {
        return Optional
                .of(new CheckpointMatch(key, key, step, epoch == null ? null : epoch.intValue(), format, layout));
    }

    private static Long fileStep(String base) {
        return SHARD.matcher(base).find() ? find(FILE_STEP, SHARD.matcher(base).replaceAll("")) : find(FILE_STEP, base);
    }

    private static Integer fileEpoch(String base) {
        Long e = find(FILE_EPOCH, base);
        return e == null ? null : e.intValue();
    }

    private static Long whole(Pattern p, String s) {
        Matcher m = p.matcher(s);
        return m.matches() ? Long.parseLong(m.group(1)) : null;
    }

    private static Long find(Pattern p, String s) {
        Matcher m = p.matcher(s);
        Long last = null;
        while (m.find()) {
            last = Long.parseLong(m.group(1));
        }
        return last;
    }
}
