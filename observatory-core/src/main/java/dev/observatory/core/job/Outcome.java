package dev.observatory.core.job;

import dev.observatory.model.job.GuardrailEvent;
import dev.observatory.model.job.JobStatus;

/** How a job ended: its status, failure class, error signature and a sentence for its history. */
record Outcome(JobStatus status, String failure, String signature, String message) {

    static Outcome of(LiveJob lj, Integer code) {
        GuardrailEvent fired = lj.lines.guardrails().fired();
        String errorLine = ErrorSignatures.lastErrorLine(lj.lines.tail());
        String signature = errorLine == null ? null : ErrorSignatures.normalise(errorLine);
        String exit = code == null ? "exit code unknown" : "exit code " + code;
        if ("guardrail".equals(lj.stopReason) && fired != null) {
            return new Outcome(JobStatus.GUARDRAIL_STOPPED, fired.guardrail(),
                    signature != null ? signature : ErrorSignatures.normalise(fired.reason()),
                    "stopped by the " + fired.guardrail() + " guardrail (" + exit + ")");
        }
        if (lj.stopReason != null) {
            return new Outcome(JobStatus.STOPPED, "stopped", null, "stopped (" + lj.stopReason
                    + (lj.killSent ? ", SIGKILL after the grace period" : "") + ", " + exit + ")");
        }
        if (code == null) {
            return new Outcome(JobStatus.LOST, "lost", null, "the re-attached process ended; " + exit);
        }
        if (code == 0) {
            return new Outcome(JobStatus.SUCCEEDED, null, null, "succeeded");
        }
        String failure = lj.lines.oomLines() > 0 ? "oom"
                : code == 137 || code == 9 ? "killed" : signature != null ? "error" : "exit_code";
        return new Outcome(JobStatus.FAILED, failure, signature != null ? signature : exit,
                "failed (" + failure + ", " + exit + ")");
    }
}
