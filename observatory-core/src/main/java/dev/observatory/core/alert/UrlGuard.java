package dev.observatory.core.alert;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Set;

/**
 * Refuses webhook URLs that would let an alert reach what it should not (SSRF): schemes other than http/https,
 * link-local and cloud metadata addresses (169.254.0.0/16, fe80::/10, 100.100.100.200, fd00:ec2::254,
 * metadata.google.internal) unless {@code allowLinkLocal}, private ranges (10/8, 172.16/12, 192.168/16, fc00::/7,
 * 100.64/10) unless {@code allowPrivate}, loopback unless {@code allowLoopback}, and the unspecified address always.
 * Every address the host resolves to is checked, when the sink is configured and again before each delivery.
 */
public record UrlGuard(boolean allowPrivate, boolean allowLoopback, boolean allowLinkLocal) {
    /** Public addresses only. */
    public static final UrlGuard STRICT = new UrlGuard(false, false, false);
    private static final Set<String> METADATA_HOSTS = Set.of("metadata.google.internal", "metadata", "instance-data",
            "metadata.azure.internal");

    /** The URI, checked; IllegalArgumentException saying why it is refused. */
    public URI check(String url) {
        URI uri;
        try {
            uri = URI.create(url.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not a valid URL: " + url);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new IllegalArgumentException("webhook URLs must be http or https, got '" + scheme + ":'");
        }
        String host = uri.getHost();
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("webhook URL has no host: " + url);
        }
        if (!allowLinkLocal && METADATA_HOSTS.contains(host.toLowerCase(Locale.ROOT))) {
            throw new IllegalArgumentException("webhook host " + host + " is a cloud metadata service: refused");
        }
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(host);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("webhook host " + host + " does not resolve");
        }
        for (InetAddress a : addresses) {
            refuse(host, a);
        }
        return uri;
    }

    private void refuse(String host, InetAddress a) {
        String why = null;
        if (a.isAnyLocalAddress()) {
            why = "the unspecified address";
        } else if (a.isLoopbackAddress() && !allowLoopback) {
            why = "a loopback address (allowed only with alert_webhook_allow_loopback=true)";
        } else if ((a.isLinkLocalAddress() || metadata(a)) && !allowLinkLocal) {
            why = "a link-local or metadata address (allowed only with alert_webhook_allow_link_local=true)";
        } else if (isPrivate(a) && !allowPrivate) {
            why = "a private address (allowed only with alert_webhook_allow_private=true)";
        }
        if (why != null) {
            throw new IllegalArgumentException(
                    "webhook host " + host + " resolves to " + a.getHostAddress() + ", " + why + ": refused");
        }
    }

    private static boolean metadata(InetAddress a) {
        String s = a.getHostAddress();
        return s.equals("100.100.100.200") || s.equalsIgnoreCase("fd00:ec2:0:0:0:0:0:254");
    }

    private static boolean isPrivate(InetAddress a) {
        byte[] b = a.getAddress();
        if (a instanceof Inet6Address) {
            return (b[0] & 0xfe) == 0xfc || a.isSiteLocalAddress();
        }
        int b0 = b[0] & 0xff;
        int b1 = b[1] & 0xff;
        return a.isSiteLocalAddress() || (b0 == 100 && b1 >= 64 && b1 < 128);
    }
}
