package dev.observatory.model.job;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a job runs and how.
 *
 * @param argv
 *            the program and its arguments; never passed through a shell unless {@code shell} is true (then the
 *            elements are joined with spaces and run by {@code /bin/sh -c})
 * @param workingDir
 *            absolute working directory (must lie under a configured job root)
 * @param env
 *            variables added to the server's environment; values of secret-looking names are redacted in every output
 * @param executor
 *            executor name ({@code local})
 * @param targetSteps
 *            the step the job finishes at, for progress and projected cost; null when unknown
 * @param params
 *            hyper-parameters recorded on the job's run (and compared by compare_job_configs)
 */
public record JobSpec(List<String> argv, String workingDir, Map<String, String> env, String executor,
        JobResources resources, boolean shell, Long targetSteps, Map<String, String> params, GuardrailSpec guardrails) {

    public JobSpec {
        if (argv == null || argv.isEmpty() || argv.get(0) == null || argv.get(0).isBlank()) {
            throw new IllegalArgumentException("a job needs a command: argv must name the program to run");
        }
        argv = List.copyOf(argv);
        Objects.requireNonNull(workingDir, "workingDir");
        env = env == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(env));
        executor = executor == null || executor.isBlank() ? "local" : executor;
        resources = resources == null ? JobResources.minimal() : resources;
        params = params == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(params));
        guardrails = guardrails == null ? GuardrailSpec.defaults() : guardrails;
        if (targetSteps != null && targetSteps < 1) {
            throw new IllegalArgumentException("target_steps must be positive, got " + targetSteps);
        }
    }
}
