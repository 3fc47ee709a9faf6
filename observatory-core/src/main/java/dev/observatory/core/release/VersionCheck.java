package dev.observatory.core.release;

/** Whether the model registry knows a model version (a number or an alias). */
@FunctionalInterface
public interface VersionCheck {
    /** Accepts every version (no registry to check against). */
    VersionCheck ANY = (model, version) -> true;

    boolean exists(String model, String version);
}
