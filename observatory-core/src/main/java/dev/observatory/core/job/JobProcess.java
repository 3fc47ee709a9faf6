package dev.observatory.core.job;

import java.io.InputStream;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;

/** A started job process (with its process group, for the local executor). */
public interface JobProcess {

    long pid();

    /** When the OS says the process started; null when it does not say. */
    Instant startedAt();

    /** Merged standard output and error; null for a re-attached process (its pipes belonged to the old server). */
    InputStream output();

    /** Completes with the exit code when the process ends (null when unknown, for a re-attached process). */
    CompletableFuture<Integer> exit();

    boolean alive();

    /** Sends a signal (TERM, KILL, USR1, ...) to the whole process group; false when it could not be sent. */
    boolean signal(String name);
}
