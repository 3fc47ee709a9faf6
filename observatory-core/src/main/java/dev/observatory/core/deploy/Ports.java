package dev.observatory.core.deploy;

import dev.observatory.store.ConflictException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.Set;

/** Port allocation for deployments: a requested port must be free; otherwise the OS picks a free one. */
final class Ports {
    private Ports() {
    }

    /**
     * The port to serve on: {@code requested} when it is free on this host and no active deployment holds it
     * (ConflictException saying so otherwise), or a free port when none is requested.
     */
    static int allocate(Integer requested, Set<Integer> heldByDeployments) {
        if (requested != null) {
            if (requested < 1 || requested > 65_535) {
                throw new IllegalArgumentException("port must be 1-65535, got " + requested);
            }
            if (heldByDeployments.contains(requested)) {
                throw new ConflictException("port " + requested + " is held by another running deployment:"
                        + " omit port to get a free one, or stop that deployment first");
            }
            if (!free(requested)) {
                throw new ConflictException(
                        "port " + requested + " is in use on this host: omit port to get a free" + " one");
            }
            return requested;
        }
        for (int i = 0; i < 20; i++) {
            try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                int p = s.getLocalPort();
                if (!heldByDeployments.contains(p)) {
                    return p;
                }
            } catch (IOException e) {
                throw new ConflictException("no free port could be allocated: " + e.getMessage());
            }
        }
        throw new ConflictException("no free port could be allocated");
    }

    /**
     * Whether nothing listens on the port (any interface). SO_REUSEADDR stays on (the JDK default here), so connections
     * of a server that just stopped, still in TIME_WAIT, do not count as use.
     */
    static boolean free(int port) {
        try (ServerSocket s = new ServerSocket()) {
            s.bind(new InetSocketAddress(port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
