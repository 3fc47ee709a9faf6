package dev.observatory.core.demo;

import static dev.observatory.core.demo.DemoLogs.INFO;
import static dev.observatory.core.demo.DemoLogs.STDERR;
import static dev.observatory.core.demo.DemoLogs.STDOUT;
import static dev.observatory.core.demo.DemoLogs.WARN;

import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/** Log lines of a CleanRL-style agent (RL demo runs): episode returns and SPS as the scripts print them. */
final class CleanRlLogs {

    private final DemoLogs logs;
    private final DemoRun run;
    private final SplittableRandom random;

    CleanRlLogs(DemoLogs logs, DemoRun run, SplittableRandom random) {
        this.logs = logs;
        this.run = run;
        this.random = random;
    }

    void write() {
        Map<?, ?> env = (Map<?, ?>) run.params().get("env");
        String envId = String.valueOf(env.get("id"));
        boolean atari = envId.endsWith("NoFrameskip-v4");
        if (atari) {
            logs.setup(1, STDOUT, INFO, "A.L.E: Arcade Learning Environment (version 0.8.1+53f58b7)");
            logs.setup(1, STDOUT, INFO, "[Powered by Stella]");
        }
        logs.setup(2, STDERR, WARN, "/opt/conda/lib/python3.10/site-packages/torch/utils/tensorboard/__init__.py:4: "
                + "DeprecationWarning: distutils Version classes are deprecated. Use packaging.version instead.");
        logs.setup(2.5, STDERR, WARN, "/opt/conda/lib/python3.10/site-packages/gymnasium/utils/passive_env_checker.py"
                + ":364: UserWarning: WARN: No render fps was declared in the environment (env.metadata['render_fps']"
                + " is None or not defined), rendering may occur at inconsistent fps.");
        int every = Math.max(run.logEvery(), run.steps() / 200 / run.logEvery() * run.logEvery());
        for (int i = every; i <= run.writtenSteps(); i += every) {
            long globalStep = (long) i * run.stepScale();
            double value = logs.value("charts/episodic_return", i);
            String ret = atari ? Math.round(value) + "." : PyFormat.repr((float) value);
            logs.at(i, 0, STDOUT, INFO, "global_step=" + globalStep + ", episodic_return=[" + ret + "]");
            logs.at(i, 0.01, STDOUT, INFO, "SPS: " + Math.round(logs.value("charts/SPS", i)));
            if (random.nextDouble() < 0.01) {
                logs.at(i, 0.02, STDERR, WARN, "/opt/conda/lib/python3.10/site-packages/gymnasium/core.py:311: "
                        + "UserWarning: WARN: env.num_envs to get variables from other wrappers is deprecated and "
                        + "will be removed in v1.0, to get this variable you can do `env.unwrapped.num_envs` for "
                        + "environment variables or `env.get_wrapper_attr('num_envs')` that will search the "
                        + "reminding wrappers.");
            }
        }
        String dir = String.format(Locale.ROOT, "runs/%s__%s__%s__%d", envId, run.name(), run.params().get("seed"),
                run.startedAt().getEpochSecond());
        logs.at(run.writtenSteps(), 3, STDOUT, INFO,
                "model saved to " + dir + "/" + run.params().get("algo") + ".cleanrl_model");
    }
}
