package dev.observatory.core.demo;

import static dev.observatory.core.demo.DemoLogs.INFO;
import static dev.observatory.core.demo.DemoLogs.STDERR;
import static dev.observatory.core.demo.DemoLogs.STDOUT;
import static dev.observatory.core.demo.DemoLogs.WARN;

import java.util.Locale;
import java.util.SplittableRandom;

/** Log lines of a PyTorch Lightning image-classification run (vision demo runs). */
final class LightningLogs {

    private final DemoLogs logs;
    private final DemoRun run;
    private final SplittableRandom random;

    LightningLogs(DemoLogs logs, DemoRun run, SplittableRandom random) {
        this.logs = logs;
        this.run = run;
        this.random = random;
    }

    void write() {
        setup();
        int perEpoch = run.evalEvery();
        int epochs = run.steps() / perEpoch;
        int version = random.nextInt(40);
        double best = Double.NEGATIVE_INFINITY;
        for (int epoch = 0; epoch < epochs; epoch++) {
            int step = (epoch + 1) * perEpoch;
            double acc = logs.value("val/acc", step);
            String postfix = String.format(Locale.ROOT, "v_num=%d, train/loss=%.3f, val/loss=%.3f, val/acc=%.3f",
                    version, logs.value("train/loss", step), logs.value("val/loss", step), acc);
            logs.at(step, 4, STDERR, INFO,
                    PyFormat.progress("Epoch " + epoch, perEpoch, perEpoch, run.secondsPerStep(), postfix));
            if (acc > best) {
                String path = "/checkpoints/" + run.name() + "/epoch=" + epoch + "-step=" + step + ".ckpt";
                logs.at(step, 4.5, STDERR, INFO, String.format(Locale.ROOT,
                        "Epoch %d, global step %d: 'val/acc' reached %.5f (best %.5f), saving model to '%s' as top 1",
                        epoch, step, acc, acc, path));
                best = acc;
            } else {
                logs.at(step, 4.5, STDERR, INFO, String.format(Locale.ROOT,
                        "Epoch %d, global step %d: 'val/acc' was not in top 1", epoch, step));
            }
        }
        logs.at(run.writtenSteps(), 6, STDERR, INFO, "`Trainer.fit` stopped: `max_epochs=" + epochs + "` reached.");
        logs.at(run.writtenSteps(), 14, STDOUT, INFO, String.format(Locale.ROOT,
                "Best val/acc %.4f, checkpoint " + "/checkpoints/%s/last.ckpt", best, run.name()));
    }

    private void setup() {
        boolean imagenet = run.params().toString().contains("imagenet");
        String params = imagenet ? "25.6 M" : "11.2 M";
        logs.setup(1, STDERR, INFO, "Using 16bit Automatic Mixed Precision (AMP)");
        logs.setup(1, STDERR, INFO, "GPU available: True (cuda), used: True");
        logs.setup(1, STDERR, INFO, "TPU available: False, using: 0 TPU cores");
        logs.setup(1, STDERR, INFO, "HPU available: False, using: 0 HPUs");
        if (!imagenet) {
            logs.setup(3, STDOUT, INFO, "Files already downloaded and verified");
            logs.setup(3, STDOUT, INFO, "Files already downloaded and verified");
        }
        logs.setup(8, STDERR, INFO, "LOCAL_RANK: 0 - CUDA_VISIBLE_DEVICES: [0]");
        String[] table = { "  | Name      | Type               | Params | Mode ",
                "-----------------------------------------------------------",
                "0 | model     | ResNet             | " + params + " | train",
                "1 | criterion | CrossEntropyLoss   | 0      | train",
                "2 | train_acc | MulticlassAccuracy | 0      | train",
                "3 | val_acc   | MulticlassAccuracy | 0      | train",
                "-----------------------------------------------------------", params + "    Trainable params",
                "0         Non-trainable params", params + "    Total params",
                (imagenet ? "102.228" : "44.696") + "   Total estimated model params size (MB)" };
        for (String line : table) {
            logs.setup(9, STDERR, INFO, line);
        }
        if (!imagenet) {
            logs.setup(10, STDERR, WARN, "/opt/conda/lib/python3.11/site-packages/lightning/pytorch/trainer/"
                    + "connectors/data_connector.py:424: The 'val_dataloader' does not have many workers which may "
                    + "be a bottleneck. Consider increasing the value of the `num_workers` argument` to "
                    + "`num_workers=15` in the `DataLoader` to improve performance.");
        }
        logs.setup(12, STDERR, INFO, "Sanity Checking DataLoader 0: 100%|██████████| 2/2 [00:00<00:00, 11.93it/s]");
    }
}
