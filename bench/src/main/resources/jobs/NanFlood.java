import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Load-tool program: prints N metric lines as fast as its reader takes them, then a NaN loss line, and measures (with
 * its own clock) how long after that line SIGTERM arrives. Writes "lines_per_second reaction_ms" to args[1].
 */
public class NanFlood {
    static volatile long nanAt;
    static volatile double linesPerSecond;

    public static void main(String[] args) throws Exception {
        int n = Integer.parseInt(args[0]);
        Path out = Path.of(args[1]);
        sun.misc.Signal.handle(new sun.misc.Signal("TERM"), s -> {
            long reaction = System.nanoTime() - nanAt;
            try {
                Files.writeString(out, linesPerSecond + " " + reaction / 1e6 + "\n");
            } catch (Exception e) {
                // nothing to do
            }
            Runtime.getRuntime().halt(143);
        });
        BufferedWriter w = new BufferedWriter(new OutputStreamWriter(System.out), 1 << 16);
        long start = System.nanoTime();
        for (int i = 1; i <= n; i++) {
            w.write("step ");
            w.write(Integer.toString(i));
            w.write(" loss ");
            w.write(Double.toString(2.0 / Math.sqrt(i)));
            w.write(" lr 0.0003\n");
        }
        w.flush();
        linesPerSecond = n / ((System.nanoTime() - start) / 1e9);
        nanAt = System.nanoTime();
        w.write("step " + (n + 1) + " loss nan lr 0.0003\n");
        w.flush();
        Thread.sleep(60_000);
    }
}
