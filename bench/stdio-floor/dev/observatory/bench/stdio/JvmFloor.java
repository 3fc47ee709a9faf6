package dev.observatory.bench.stdio;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * The JVM floor of {@code bench/run-stdio-startup.sh}: reads one JSON-RPC line from stdin and prints a canned
 * {@code initialize} response (JDK classes only, nothing parsed), then waits for stdin to close. No MCP server can
 * answer sooner on this JVM with these flags; the difference to {@link SdkFloor} is what the MCP SDK costs.
 */
public final class JvmFloor {
    private static final String RESPONSE = "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"protocolVersion\":\"2025-06-18\","
            + "\"capabilities\":{\"tools\":{\"listChanged\":false}},\"serverInfo\":{\"name\":\"jvm-floor\","
            + "\"version\":\"1\"}}}";

    private JvmFloor() {
    }

    public static void main(String[] args) throws IOException {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        PrintStream out = System.out;
        if (in.readLine() != null) {
            out.println(RESPONSE);
            out.flush();
        }
        while (in.readLine() != null) {
            // drain until the client closes stdin, as a stdio server does
        }
    }
}
