package dev.observatory.core.benchmark;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The SSRF guard of run_benchmark: only http and https; loopback always allowed; any other host only when listed in
 * benchmark_allowed_hosts ("*" allows every host); link-local addresses (169.254.0.0/16, fe80::/10, which hold cloud
 * metadata services), known metadata names, multicast and the wildcard address are always refused, whatever the list
 * says. Every address a name resolves to is checked.
 */
public final class EndpointGuard {
    private static final Set<String> METADATA_NAMES = Set.of("metadata.google.internal", "metadata", "instance-data",
            "metadata.azure.com");

    private final Set<String> allowedHosts;

    /**
     * @param allowedHosts
     *            host names or addresses (case-insensitive) besides loopback; "*" for any
     */
    public EndpointGuard(Set<String> allowedHosts) {
        this.allowedHosts = allowedHosts.stream().map(h -> h.trim().toLowerCase(Locale.ROOT))
                .collect(java.util.stream.Collectors.toUnmodifiableSet());
    }

    /** The parsed target; IllegalArgumentException saying why a URL is refused. */
    public Target check(String url) {
        URI uri;
        try {
            uri = new URI(url == null ? "" : url.trim());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("endpoint is not a URL: " + e.getMessage());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new IllegalArgumentException("endpoint must be an http:// or https:// URL, got '" + url + "'");
        }
        String host = uri.getHost();
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("endpoint has no host: '" + url + "'");
        }
        String h = host.toLowerCase(Locale.ROOT);
        if (METADATA_NAMES.contains(h)) {
            throw new IllegalArgumentException("endpoint host " + host + " is a cloud metadata service: refused");
        }
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(host);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("endpoint host " + host + " does not resolve");
        }
        boolean allLoopback = true;
        for (InetAddress a : addresses) {
            refuseSpecial(host, a);
            allLoopback &= a.isLoopbackAddress();
        }
        if (!allLoopback && !allowedHosts.contains("*") && !allowedHosts.contains(h)) {
            throw new IllegalArgumentException("endpoint host " + host + " is not allowed: only loopback and the hosts"
                    + " in benchmark_allowed_hosts (OBSERVATORY_BENCHMARK_ALLOWED_HOSTS) may be benchmarked");
        }
        int port = uri.getPort() > 0 ? uri.getPort() : scheme.equals("https") ? 443 : 80;
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        return new Target(scheme, host, port, path + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()),
                List.of(addresses).get(0));
    }

    private static void refuseSpecial(String host, InetAddress a) {
        boolean metadata = a.getHostAddress().equals("169.254.169.254")
                || (a instanceof Inet6Address && a.getHostAddress().startsWith("fd00:ec2:"));
        if (a.isLinkLocalAddress() || metadata) {
            throw new IllegalArgumentException("endpoint host " + host + " is link-local (" + a.getHostAddress()
                    + "), where cloud metadata services live: refused");
        }
        if (a.isMulticastAddress() || a.isAnyLocalAddress()) {
            throw new IllegalArgumentException("endpoint host " + host + " is a multicast or wildcard address ("
                    + a.getHostAddress() + "): refused");
        }
    }

    /** A checked endpoint: what to connect to. */
    public record Target(String scheme, String host, int port, String path, InetAddress address) {
        /** The Host header value. */
        String hostHeader() {
            boolean defaultPort = port == (scheme.equals("https") ? 443 : 80);
            String h = host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
            return defaultPort ? h : h + ":" + port;
        }

        /** The same endpoint with another path. */
        Target withPath(String p) {
            return new Target(scheme, host, port, p, address);
        }

        String url() {
            return scheme + "://" + hostHeader() + path;
        }

        /** The URL without its query string (which may carry a key): what results and the audit log keep. */
        String displayUrl() {
            int q = path.indexOf('?');
            return scheme + "://" + hostHeader() + (q < 0 ? path : path.substring(0, q));
        }
    }
}
