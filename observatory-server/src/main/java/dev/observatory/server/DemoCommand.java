package dev.observatory.server;

import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "demo", description = { "Write the deterministic demo data set (3 projects, ~40 runs) into the store.",
        "Does nothing when the store already holds projects." })
final class DemoCommand implements Callable<Integer> {
    @Mixin
    ConfigOptions options;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Config c = options.load(Map.of());
        try (Observatory o = Observatory.open(c)) {
            boolean wrote = o.loadDemoIfEmpty();
            spec.commandLine().getOut().println(wrote ? "demo data written to " + c.dataDir()
                    : "the store already holds projects; nothing written");
        }
        return 0;
    }
}
