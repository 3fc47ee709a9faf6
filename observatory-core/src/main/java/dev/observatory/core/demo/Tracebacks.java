package dev.observatory.core.demo;

import static dev.observatory.core.demo.DemoLogs.ERROR;
import static dev.observatory.core.demo.DemoLogs.STDERR;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/** How the failing demo runs end: the diverged run's abort and the out-of-memory crash, as Python prints them. */
final class Tracebacks {

    private static final String SITE = "/opt/conda/lib/python3.11/site-packages/";
    private static final DateTimeFormatter TORCHRUN_TIME = DateTimeFormatter.ofPattern("MMdd HH:mm:ss.SSS")
            .withZone(ZoneOffset.UTC);

    private Tracebacks() {
    }

    /** The divergence guard gives up after the NaN tail. */
    static void diverged(DemoLogs logs, DemoRun run) {
        int end = run.writtenSteps();
        int lastFinite = end - DemoMetrics.NAN_TAIL - 1;
        String message = String
                .format(Locale.ROOT,
                        "Loss has been NaN for %d consecutive steps (last finite loss %.4f at step %d); aborting: "
                                + "training diverged",
                        DemoMetrics.NAN_TAIL, logs.value("train/loss", lastFinite), lastFinite);
        logs.at(end, 1, STDERR, ERROR, HfTrainerLogs.prefixed(logs.timeMs(end, 1), "ERROR", message));
        traceback(logs, end, 1.2,
                List.of(frame("/workspace/sft/train.py", 187, "<module>", "main()"),
                        frame("/workspace/sft/train.py", 179, "main", "trainer.train()"),
                        frame(SITE + "transformers/trainer.py", 2123, "train", "return inner_training_loop("),
                        frame(SITE + "transformers/trainer.py", 2548, "_inner_training_loop",
                                "self.control = self.callback_handler.on_step_end(args, self.state, self.control)"),
                        frame(SITE + "transformers/trainer_callback.py", 496, "on_step_end",
                                "return self.call_event(\"on_step_end\", args, state, control)"),
                        frame("/workspace/sft/callbacks.py", 41, "on_step_end",
                                "raise RuntimeError(f\"Training diverged: loss is NaN at step {state.global_step}\")")),
                "RuntimeError: Training diverged: loss is NaN at step " + end);
    }

    /** CUDA out of memory in the LM head's logits, then torchrun reports the failed worker. */
    static void outOfMemory(DemoLogs logs, DemoRun run) {
        int end = run.writtenSteps();
        traceback(logs, end, 4.2, List.of(frame("/workspace/sft/train.py", 187, "<module>", "main()"),
                frame("/workspace/sft/train.py", 179, "main", "trainer.train()"),
                frame(SITE + "transformers/trainer.py", 2123, "train", "return inner_training_loop("),
                frame(SITE + "transformers/trainer.py", 2481, "_inner_training_loop",
                        "tr_loss_step = self.training_step(model, inputs, num_items_in_batch)"),
                frame(SITE + "transformers/trainer.py", 3579, "training_step",
                        "loss = self.compute_loss(model, inputs, num_items_in_batch=num_items_in_batch)"),
                frame(SITE + "transformers/trainer.py", 3633, "compute_loss", "outputs = model(**inputs)"),
                frame(SITE + "torch/nn/modules/module.py", 1736, "_wrapped_call_impl",
                        "return self._call_impl(*args, **kwargs)"),
                frame(SITE + "torch/nn/modules/module.py", 1747, "_call_impl", "return forward_call(*args, **kwargs)"),
                frame(SITE + "transformers/models/llama/modeling_llama.py", 1190, "forward",
                        "logits = self.lm_head(hidden_states[:, -num_logits_to_keep:, :])"),
                frame(SITE + "torch/nn/modules/module.py", 1736, "_wrapped_call_impl",
                        "return self._call_impl(*args, **kwargs)"),
                frame(SITE + "torch/nn/modules/module.py", 1747, "_call_impl", "return forward_call(*args, **kwargs)"),
                frame(SITE + "torch/nn/modules/linear.py", 125, "forward",
                        "return F.linear(input, self.weight, self.bias)")),
                "torch.OutOfMemoryError: CUDA out of memory. Tried to allocate 3.91 GiB. GPU 0 has a total capacity "
                        + "of 79.15 GiB of which 1.24 GiB is free. Including non-PyTorch memory, this process has "
                        + "77.90 GiB memory in use. Of the allocated memory 72.64 GiB is allocated by PyTorch, and "
                        + "4.61 GiB is reserved by PyTorch but unallocated. If reserved but unallocated memory is "
                        + "large try setting PYTORCH_CUDA_ALLOC_CONF=expandable_segments:True to avoid "
                        + "fragmentation.  See documentation for Memory Management  "
                        + "(https://pytorch.org/docs/stable/notes/cuda.html#environment-variables)");
        String time = TORCHRUN_TIME.format(Instant.ofEpochMilli(logs.timeMs(end, 6.8)));
        logs.at(end, 6.8, STDERR, ERROR, "E" + time + "000 48190 torch/distributed/elastic/multiprocessing/"
                + "api.py:869] failed (exitcode: 1) local_rank: 0 (pid: 48213) of binary: /opt/conda/bin/python3.11");
    }

    private static void traceback(DemoLogs logs, int iteration, double seconds, List<String[]> frames,
            String exception) {
        logs.at(iteration, seconds, STDERR, ERROR, "Traceback (most recent call last):");
        for (String[] frame : frames) {
            logs.at(iteration, seconds, STDERR, ERROR, frame[0]);
            logs.at(iteration, seconds, STDERR, ERROR, frame[1]);
        }
        logs.at(iteration, seconds, STDERR, ERROR, exception);
    }

    private static String[] frame(String file, int line, String function, String code) {
        return new String[] { "  File \"" + file + "\", line " + line + ", in " + function, "    " + code };
    }
}
