package dev.observatory.server.http;

import java.net.URI;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * DNS-rebinding protection: the Host header must name this server (loopback names, the bind address, or a configured
 * host) and a browser's Origin header must be a loopback origin or a configured one. Requests without these headers
 * (non-browser clients over HTTP/1.0) pass.
 */
final class OriginPolicy {
    private static final Set<String> LOOPBACK = Set.of("127.0.0.1", "localhost", "[::1]", "::1");
    private final boolean anyHost;
    private final Set<String> hostNames = new HashSet<>();
    private final Set<String> hostAndPorts = new HashSet<>();
    private final boolean anyOrigin;
    private final Set<String> origins = new HashSet<>();

    OriginPolicy(List<String> allowedHosts, List<String> allowedOrigins, String bindHost) {
        hostNames.addAll(LOOPBACK);
        if (bindHost != null && !bindHost.isBlank() && !bindHost.equals("0.0.0.0") && !bindHost.equals("::")) {
            hostNames.add(bindHost.contains(":") && !bindHost.startsWith("[") ? "[" + bindHost + "]"
                    : bindHost.toLowerCase(Locale.ROOT));
        }
        boolean any = false;
        for (String h : allowedHosts) {
            String v = h.trim().toLowerCase(Locale.ROOT);
            if (v.equals("*")) {
                any = true;
            } else if (portOf(v) >= 0) {
                hostAndPorts.add(v);
            } else if (!v.isEmpty()) {
                hostNames.add(v);
            }
        }
        anyHost = any;
        any = false;
        for (String o : allowedOrigins) {
            String v = normalizeOrigin(o.trim());
            if (v.equals("*")) {
                any = true;
            } else if (!v.isEmpty()) {
                origins.add(v);
            }
        }
        anyOrigin = any;
    }

    /** True when the Host header is absent or names an allowed host. */
    boolean hostAllowed(String hostHeader) {
        if (hostHeader == null || anyHost) {
            return true;
        }
        String h = hostHeader.trim().toLowerCase(Locale.ROOT);
        if (hostAndPorts.contains(h)) {
            return true;
        }
        return hostNames.contains(nameOf(h));
    }

    /** True when the Origin header is absent, a loopback origin, or configured. */
    boolean originAllowed(String origin) {
        if (origin == null || anyOrigin) {
            return true;
        }
        String o = normalizeOrigin(origin.trim());
        if (origins.contains(o)) {
            return true;
        }
        try {
            URI u = new URI(o);
            String scheme = u.getScheme();
            String host = u.getHost();
            return ("http".equals(scheme) || "https".equals(scheme)) && host != null
                    && (LOOPBACK.contains(host.toLowerCase(Locale.ROOT)) || hostNames.contains(host));
        } catch (java.net.URISyntaxException e) {
            return false;
        }
    }

    private static String normalizeOrigin(String o) {
        String v = o.toLowerCase(Locale.ROOT);
        while (v.endsWith("/")) {
            v = v.substring(0, v.length() - 1);
        }
        return v;
    }

    /** The host name of a Host header value without its port; IPv6 literals keep their brackets. */
    static String nameOf(String host) {
        if (host.startsWith("[")) {
            int end = host.indexOf(']');
            return end < 0 ? host : host.substring(0, end + 1);
        }
        int colon = host.indexOf(':');
        return colon < 0 ? host : host.substring(0, colon);
    }

    private static int portOf(String host) {
        String name = nameOf(host);
        if (host.length() > name.length() + 1 && host.charAt(name.length()) == ':') {
            try {
                return Integer.parseInt(host.substring(name.length() + 1));
            } catch (NumberFormatException e) {
                return -1;
            }
        }
        return -1;
    }
}
