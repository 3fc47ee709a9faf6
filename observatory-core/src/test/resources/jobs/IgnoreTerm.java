/** Ignores SIGTERM and keeps logging steps: only SIGKILL ends it. */
public class IgnoreTerm {
    public static void main(String[] args) throws Exception {
        sun.misc.Signal.handle(new sun.misc.Signal("TERM"), s -> System.out.println("SIGTERM ignored"));
        System.out.println("starting");
        for (int step = 1;; step++) {
            System.out.println("step " + step + " loss " + (1.0 / step));
            Thread.sleep(20);
        }
    }
}
