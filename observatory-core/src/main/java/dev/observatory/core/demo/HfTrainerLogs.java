package dev.observatory.core.demo;

import static dev.observatory.core.demo.DemoLogs.ERROR;
import static dev.observatory.core.demo.DemoLogs.INFO;
import static dev.observatory.core.demo.DemoLogs.STDERR;
import static dev.observatory.core.demo.DemoLogs.STDOUT;
import static dev.observatory.core.demo.DemoLogs.WARN;

import dev.observatory.core.demo.DemoRun.Outcome;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/** Log lines of a Hugging Face Trainer fine-tuning run (LLM demo runs), including divergence and OOM endings. */
final class HfTrainerLogs {

    private static final DateTimeFormatter LOG_TIME = DateTimeFormatter.ofPattern("MM/dd/yyyy HH:mm:ss")
            .withZone(ZoneOffset.UTC);

    private final DemoLogs logs;
    private final DemoRun run;
    private final SplittableRandom random;
    private final int written;
    private final double stepsPerEpoch;

    HfTrainerLogs(DemoLogs logs, DemoRun run, SplittableRandom random) {
        this.logs = logs;
        this.run = run;
        this.random = random;
        this.written = run.writtenSteps();
        this.stepsPerEpoch = (double) run.steps() / ((Number) run.params().get("epochs")).intValue();
    }

    void write() {
        setup();
        int dictEvery = Math.max(10, run.steps() / 400 / 10 * 10);
        int barEvery = Math.max(1, run.steps() / 40);
        for (int i = 1; i <= written; i++) {
            if (i % dictEvery == 0) {
                logs.at(i, 0.1, STDOUT, INFO,
                        PyFormat.dict("loss", PyFormat.round(logs.value("train/loss", i), 4), "grad_norm",
                                f32(logs.value("train/grad_norm", i)), "learning_rate",
                                logs.value("train/learning_rate", i), "epoch", epoch(i)));
            }
            if (i % barEvery == 0) {
                logs.at(i, 0.2, STDERR, INFO, PyFormat.progress("", i, run.steps(), run.secondsPerStep(), ""));
            }
            if (i % run.evalEvery() == 0 && i < written) {
                evaluation(i);
            }
            if (run.outcome() == Outcome.DIVERGED) {
                divergenceWarnings(i);
            }
        }
        switch (run.outcome()) {
            case FINISHED, PLATEAU -> finished();
            case DIVERGED -> Tracebacks.diverged(logs, run);
            case OOM -> Tracebacks.outOfMemory(logs, run);
            case KILLED -> logs.at(written, 3, STDERR, ERROR,
                    "slurmstepd: error: *** JOB " + (4_400_000 + random.nextInt(99_999)) + " ON " + run.host()
                            + " CANCELLED AT "
                            + Instant.ofEpochMilli(logs.timeMs(written, 3)).toString().substring(0, 19) + " ***");
            case RUNNING -> {
            }
        }
    }

    private void setup() {
        Map<?, ?> model = (Map<?, ?>) run.params().get("model");
        Map<?, ?> data = (Map<?, ?>) run.params().get("data");
        int batch = ((Number) run.params().get("batch_size")).intValue();
        int accumulation = ((Number) run.params().get("gradient_accumulation_steps")).intValue();
        logs.setup(2, STDERR, WARN, setupPrefixed(2, "WARNING",
                "Process rank: 0, device: cuda:0, n_gpu: 1, " + "distributed training: True, 16-bits training: False"));
        logs.setup(2.1, STDERR, INFO, setupPrefixed(2.1, "INFO", "Training/evaluation parameters TrainingArguments("
                + "output_dir=/checkpoints/" + run.name() + ", learning_rate=" + PyFormat.repr(run.curve().peakLr())
                + ", per_device_train_batch_size=4, gradient_accumulation_steps=" + accumulation + ", num_train_epochs="
                + run.params().get("epochs") + ", lr_scheduler_type=cosine, warmup_steps=" + run.curve().warmupSteps()
                + ", logging_steps=10, eval_steps=" + run.evalEvery() + ", bf16=True, seed=" + run.params().get("seed")
                + ")"));
        long examples = ((Number) data.get("num_examples")).longValue();
        logs.setup(9.4, STDERR, INFO, setupPrefixed(9.4, "INFO", "Loaded dataset " + data.get("dataset") + ": "
                + PyFormat.thousands(examples) + " train / 2,000 eval examples"));
        long total = totalParams(String.valueOf(model.get("name")));
        long trainable = total;
        if (model.get("lora") instanceof Map<?, ?> lora) {
            int rank = ((Number) lora.get("r")).intValue();
            int hidden = ((Number) model.get("hidden")).intValue();
            int layers = ((Number) model.get("layers")).intValue();
            trainable = (long) rank * (4L * hidden + 2L * (hidden + 1024)) * layers;
            logs.setup(31, STDOUT, INFO,
                    "trainable params: " + PyFormat.thousands(trainable) + " || all params: "
                            + PyFormat.thousands(total + trainable) + " || trainable%: "
                            + String.format(Locale.ROOT, "%.4f", 100.0 * trainable / (total + trainable)));
        }
        logs.setup(33, STDERR, WARN,
                "`use_cache=True` is incompatible with gradient checkpointing. Setting `use_cache=False`.");
        String[] header = { "***** Running training *****", "  Num examples = " + PyFormat.thousands(examples),
                "  Num Epochs = " + run.params().get("epochs"), "  Instantaneous batch size per device = 4",
                "  Total train batch size (w. parallel, distributed & accumulation) = " + batch,
                "  Gradient Accumulation steps = " + accumulation,
                "  Total optimization steps = " + PyFormat.thousands(run.steps()),
                "  Number of trainable parameters = " + PyFormat.thousands(trainable) };
        for (String line : header) {
            logs.setup(55, STDERR, INFO, line);
        }
    }

    private void evaluation(int i) {
        double samplesPerSecond = PyFormat.round(Curves.jitter(random, 2_000 / (run.secondsPerStep() * 9), 0.02), 3);
        double runtime = PyFormat.round(2_000 / samplesPerSecond, 4);
        logs.at(i, 0.5, STDERR, INFO, "***** Running Evaluation *****");
        logs.at(i, 0.5, STDERR, INFO, "  Num examples = 2000");
        logs.at(i, 0.5, STDERR, INFO, "  Batch size = 16");
        logs.at(i, runtime, STDOUT, INFO,
                PyFormat.dict("eval_loss", f32(logs.value("eval/loss", i)), "eval_accuracy",
                        f32(logs.value("eval/accuracy", i)), "eval_runtime", runtime, "eval_samples_per_second",
                        samplesPerSecond, "eval_steps_per_second", PyFormat.round(samplesPerSecond / 16, 3), "epoch",
                        epoch(i)));
        logs.at(i, runtime + 1, STDERR, INFO,
                "Saving model checkpoint to /checkpoints/" + run.name() + "/checkpoint-" + i);
    }

    private void divergenceWarnings(int i) {
        int nanFrom = written - DemoMetrics.NAN_TAIL;
        int explodeFrom = nanFrom - DemoMetrics.EXPLOSION;
        if (i == explodeFrom + 25) {
            double norm = logs.value("train/grad_norm", i);
            logs.at(i, 0.3, STDERR, WARN,
                    prefixed(logs.timeMs(i, 0.3), "WARNING", String.format(Locale.ROOT,
                            "grad_norm %.1f at step %d is far above its running mean; loss %.4f. Consider lowering the "
                                    + "learning rate or adding warmup.",
                            norm, i, logs.value("train/loss", i))));
        }
        if (i >= nanFrom && (i - nanFrom) % 10 == 0) {
            logs.at(i, 0.3, STDERR, WARN,
                    prefixed(logs.timeMs(i, 0.3), "WARNING",
                            "NaN detected in loss at step " + i + " (grad_norm=" + (i == nanFrom ? "inf" : "nan")
                                    + "); skipping optimizer step (" + (i - nanFrom + 1) + " consecutive)"));
        }
    }

    private void finished() {
        double runtime = PyFormat.round(written * run.secondsPerStep() + 12.7, 4);
        int batch = ((Number) run.params().get("batch_size")).intValue();
        logs.at(written, 2, STDERR, INFO,
                "Training completed. Do not forget to share your model on huggingface.co/models =)");
        logs.at(written, 2.1, STDOUT, INFO,
                PyFormat.dict("train_runtime", runtime, "train_samples_per_second",
                        PyFormat.round(written * batch / runtime, 3), "train_steps_per_second",
                        PyFormat.round(written / runtime, 3), "train_loss", PyFormat.round(meanLoss(), 4), "epoch",
                        epoch(written)));
        logs.at(written, 9, STDERR, INFO, "Saving model checkpoint to /checkpoints/" + run.name());
    }

    private double meanLoss() {
        double sum = 0;
        int n = 0;
        for (int i = 1; i <= written; i += Math.max(1, written / 500)) {
            sum += logs.value("train/loss", i);
            n++;
        }
        return sum / n;
    }

    /** A float32 as Python prints it after {@code tensor.item()}. */
    private static double f32(double v) {
        return (float) v;
    }

    private double epoch(int i) {
        return PyFormat.round(i / stepsPerEpoch, 2);
    }

    private String setupPrefixed(double secondsAfterStart, String level, String message) {
        return prefixed(run.startedAt().toEpochMilli() + Math.round(secondsAfterStart * 1000), level, message);
    }

    /** The example scripts' logging format: {@code "%(asctime)s - %(levelname)s - %(name)s - %(message)s"}. */
    static String prefixed(long epochMs, String level, String message) {
        return LOG_TIME.format(Instant.ofEpochMilli(epochMs)) + " - " + level + " - __main__ - " + message;
    }

    private static long totalParams(String model) {
        return switch (model) {
            case "meta-llama/Llama-3.2-1B" -> 1_235_814_400L;
            case "Qwen/Qwen2.5-1.5B" -> 1_543_714_304L;
            case "meta-llama/Llama-3.2-3B" -> 3_212_749_824L;
            default -> 8_030_261_248L;
        };
    }
}
