package dev.observatory.core.deploy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A unix domain socket that relays every connection byte for byte to a loopback TCP port, so the fake Engine API (a TCP
 * HttpServer) can be reached the way Docker usually is: {@code unix:///path/docker.sock}.
 */
final class UnixSocketRelay implements AutoCloseable {
    private final ServerSocketChannel server;
    private final Path socket;

    UnixSocketRelay(Path socket, int tcpPort) throws IOException {
        this.socket = socket;
        Files.deleteIfExists(socket);
        server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(socket));
        Thread.ofPlatform().daemon().name("unix-relay").start(() -> accept(tcpPort));
    }

    String host() {
        return "unix://" + socket;
    }

    private void accept(int tcpPort) {
        while (server.isOpen()) {
            try {
                SocketChannel client = server.accept();
                Socket tcp = new Socket();
                tcp.connect(new InetSocketAddress("127.0.0.1", tcpPort));
                pipe(Channels.newInputStream(client), tcp.getOutputStream(), client, tcp);
                pipe(tcp.getInputStream(), Channels.newOutputStream(client), client, tcp);
            } catch (IOException e) {
                return;
            }
        }
    }

    private static void pipe(InputStream in, OutputStream out, SocketChannel a, Socket b) {
        Thread.ofPlatform().daemon().name("unix-relay-pipe").start(() -> {
            try {
                in.transferTo(out);
            } catch (IOException e) {
                // the other side closed
            } finally {
                try {
                    a.close();
                    b.close();
                } catch (IOException e) {
                    // closing either way
                }
            }
        });
    }

    @Override
    public void close() throws IOException {
        server.close();
        Files.deleteIfExists(socket);
    }
}
