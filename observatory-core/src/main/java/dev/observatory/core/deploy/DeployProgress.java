package dev.observatory.core.deploy;

/** Receives progress while a deployment starts: {@code done} of {@code total} milliseconds of the health wait. */
@FunctionalInterface
public interface DeployProgress {
    DeployProgress NONE = (done, total, message) -> {
    };

    void report(double done, double total, String message);
}
