package dev.observatory.core.job;

import dev.observatory.model.job.JobSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs jobs as local processes. The argument list is executed directly (no shell unless the spec asks for one). When
 * {@code setsid} is available the program starts in a session and process group of its own, so a stop signals it and
 * every child it forked ({@code kill -TERM -- -pgid}); without setsid only the process and its descendants known to the
 * JVM are signalled.
 */
public final class LocalProcessExecutor implements Executor {
    private static final Logger LOG = LoggerFactory.getLogger(LocalProcessExecutor.class);
    private static final Path SETSID = findSetsid();

    @Override
    public String name() {
        return "local";
    }

    private static Path findSetsid() {
        for (String p : List.of("/usr/bin/setsid", "/bin/setsid")) {
            if (Files.isExecutable(Path.of(p))) {
                return Path.of(p);
            }
        }
        return null;
    }

    /** Whether jobs get a process group of their own (setsid found). */
    public static boolean ownProcessGroups() {
        return SETSID != null;
    }

    @Override
    public JobProcess launch(JobSpec spec, Path workDir) throws IOException {
        List<String> command = new ArrayList<>();
        if (SETSID != null) {
            command.add(SETSID.toString());
        }
        if (spec.shell()) {
            command.addAll(List.of("/bin/sh", "-c", String.join(" ", spec.argv())));
        } else {
            command.addAll(spec.argv());
        }
        ProcessBuilder pb = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        pb.environment().putAll(spec.env());
        Process p = pb.start();
        return new Local(p.toHandle(), p);
    }

    @Override
    public Optional<JobProcess> reattach(long pid, Instant processStart) {
        return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).filter(h -> sameStart(h, processStart))
                .map(h -> new Local(h, null));
    }

    private static boolean sameStart(ProcessHandle h, Instant expected) {
        if (expected == null) {
            return false;
        }
        return h.info().startInstant()
                .map(s -> Duration.between(s, expected).abs().compareTo(Duration.ofSeconds(1)) <= 0).orElse(false);
    }

    /** A process started here (with its streams) or re-attached by pid (without). */
    private static final class Local implements JobProcess {
        private final ProcessHandle handle;
        private final Process process;
        private final java.util.concurrent.CompletableFuture<Integer> exit;

        Local(ProcessHandle handle, Process process) {
            this.handle = handle;
            this.process = process;
            this.exit = process != null ? process.onExit().thenApply(Process::exitValue)
                    : handle.onExit().thenApply(h -> null);
        }

        @Override
        public long pid() {
            return handle.pid();
        }

        @Override
        public Instant startedAt() {
            return handle.info().startInstant().orElse(null);
        }

        @Override
        public java.io.InputStream output() {
            return process == null ? null : process.getInputStream();
        }

        @Override
        public java.util.concurrent.CompletableFuture<Integer> exit() {
            return exit;
        }

        @Override
        public boolean alive() {
            return handle.isAlive();
        }

        @Override
        public boolean signal(String name) {
            if (!handle.isAlive()) {
                return false;
            }
            if (SETSID == null) {
                return fallbackSignal(name);
            }
            try {
                Process kill = new ProcessBuilder("kill", "-" + name, "--", "-" + handle.pid())
                        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
                if (!kill.waitFor(5, TimeUnit.SECONDS)) {
                    kill.destroyForcibly();
                    return false;
                }
                return kill.exitValue() == 0 || fallbackSignal(name);
            } catch (IOException e) {
                LOG.warn("job process {}: cannot run kill: {}", handle.pid(), e.getMessage());
                return fallbackSignal(name);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }

        private boolean fallbackSignal(String name) {
            boolean force = name.equals("KILL");
            if (!force && !name.equals("TERM")) {
                return false;
            }
            handle.descendants().forEach(d -> {
                if (force) {
                    d.destroyForcibly();
                } else {
                    d.destroy();
                }
            });
            return force ? handle.destroyForcibly() : handle.destroy();
        }
    }
}
