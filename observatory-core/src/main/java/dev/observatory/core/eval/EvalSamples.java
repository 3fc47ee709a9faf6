package dev.observatory.core.eval;

import dev.observatory.model.NewRun;
import dev.observatory.model.Run;
import dev.observatory.model.RunStatus;
import dev.observatory.model.artifact.Artifact;
import dev.observatory.model.artifact.ArtifactKind;
import dev.observatory.model.artifact.NewArtifact;
import dev.observatory.model.eval.EvalResult;
import dev.observatory.model.eval.EvalSubject;
import dev.observatory.model.eval.EvalSubjectKind;
import dev.observatory.store.StorageComponent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * A deterministic synthetic evaluation data set for tests and benchmarks: runs with checkpoints, each checkpoint
 * evaluated on {@code evals} evaluations ({@code nav/eval_000}, ...) over {@code episodes} episodes, metric
 * {@code reward} (better with more steps, plus noise) and {@code success}. Every fifth checkpoint skips one evaluation
 * so that scorecards have missing cells. Written straight to the store.
 */
public final class EvalSamples {
    private EvalSamples() {
    }

    /** Writes {@code policies} checkpoints (10 per run) with their results; returns them in creation order. */
    public static List<EvalSubject> write(StorageComponent store, String project, int policies, int evals, int episodes,
            long seed, Instant at) {
        SplittableRandom rnd = new SplittableRandom(seed);
        store.projects().getOrCreate(project);
        List<EvalSubject> out = new ArrayList<>();
        List<EvalResult> batch = new ArrayList<>();
        Run run = null;
        long id = 0;
        for (int p = 0; p < policies; p++) {
            if (p % 10 == 0) {
                run = store.runs()
                        .create(new NewRun(project, String.format(Locale.ROOT, "ppo-%03d", p / 10), RunStatus.FINISHED,
                                p % 20 == 0 ? "alice" : "bob", List.of("ppo", p % 20 == 0 ? "a" : "b"),
                                new LinkedHashMap<>(), null, null, null, null));
            }
            long step = 1000L * (p % 10 + 1);
            Artifact a = store.artifacts()
                    .put(new NewArtifact(run.id(), project,
                            String.format(Locale.ROOT, "checkpoints/step_%06d.pt", step), 1024, null, null,
                            ArtifactKind.CHECKPOINT, step, null, null, "samples/" + run.id() + "/" + step));
            EvalSubject s = new EvalSubject(EvalSubjectKind.CHECKPOINT, a.id());
            out.add(s);
            for (int e = 0; e < evals; e++) {
                if (p % 5 == 4 && e == p % evals) {
                    continue;
                }
                double skill = 0.1 * (p % 10) + 0.02 * e;
                for (int ep = 0; ep < episodes; ep++) {
                    String eval = String.format(Locale.ROOT, "nav/eval_%03d", e);
                    batch.add(new EvalResult(String.format(Locale.ROOT, "%016x", seed * 1_000_000_000L + ++id), s, eval,
                            "reward", skill + rnd.nextGaussian() * 0.05, (long) ep, 100L + ep, step,
                            at.plusMillis(ep)));
                    batch.add(new EvalResult(String.format(Locale.ROOT, "%016x", seed * 1_000_000_000L + ++id), s, eval,
                            "success", rnd.nextDouble() < skill ? 1 : 0, (long) ep, 100L + ep, step,
                            at.plusMillis(ep)));
                }
            }
            if (batch.size() > 5000) {
                store.evals().append(batch);
                batch.clear();
            }
        }
        store.evals().append(batch);
        return out;
    }
}
