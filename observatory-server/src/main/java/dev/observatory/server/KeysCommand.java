package dev.observatory.server;

import dev.observatory.core.Actor;
import dev.observatory.model.ApiKey;
import dev.observatory.server.http.ApiKeyAuth;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "keys", description = "Manage API keys (stored as SHA-256 hashes; a key is shown once, at creation).")
final class KeysCommand {
    private static final Actor CLI = new Actor("cli", "cli");

    @Mixin
    ConfigOptions options;

    @Spec
    CommandSpec spec;

    @Command(name = "create", description = "Create a key and print it once.")
    int create(@Option(names = "--name", required = true, description = "Unique name, e.g. ci or laptop.") String name,
            @Option(names = "--scopes", defaultValue = "read,write", description = "Comma list of read, write, admin, production (default read,write).") String scopes) {
        Set<ApiKey.Scope> parsed = parseScopes(scopes);
        try (Observatory o = Observatory.open(options.load(Map.of()))) {
            String secret = ApiKeyAuth.createKey(o.store.keys(), name, parsed, Instant.now());
            o.auditor.record(CLI, "key.create", "key/" + name, parsed.toString());
            spec.commandLine().getOut().println(secret);
            spec.commandLine().getErr().println("observatory: key '" + name + "' created with scopes " + parsed
                    + ". Store it now: it cannot be shown again.");
        }
        return 0;
    }

    @Command(name = "list", description = "List keys (names, scopes, dates; never the secrets).")
    int list() {
        try (Observatory o = Observatory.open(options.load(Map.of()))) {
            for (ApiKey k : o.store.keys().list()) {
                spec.commandLine().getOut().printf("%-20s %-28s created %s%s%n", k.name(), k.scopes(), k.createdAt(),
                        k.revokedAt() == null ? "" : "  REVOKED " + k.revokedAt());
            }
        }
        return 0;
    }

    @Command(name = "revoke", description = "Revoke a key by name.")
    int revoke(@Parameters(paramLabel = "NAME") String name) {
        try (Observatory o = Observatory.open(options.load(Map.of()))) {
            o.store.keys().revoke(name);
            o.auditor.record(CLI, "key.revoke", "key/" + name, null);
            spec.commandLine().getErr().println("observatory: key '" + name + "' revoked");
        }
        return 0;
    }

    static Set<ApiKey.Scope> parseScopes(String s) {
        Set<ApiKey.Scope> out = EnumSet.noneOf(ApiKey.Scope.class);
        for (String part : s.split(",")) {
            String p = part.trim().toUpperCase(Locale.ROOT);
            if (p.isEmpty()) {
                continue;
            }
            try {
                out.add(ApiKey.Scope.valueOf(p));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(
                        "unknown scope '" + part.trim() + "': use " + Arrays.stream(ApiKey.Scope.values())
                                .map(x -> x.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", ")));
            }
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("give at least one scope");
        }
        return out;
    }
}
