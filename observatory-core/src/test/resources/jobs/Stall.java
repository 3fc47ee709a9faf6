/** Logs 20 steps, then hangs like a dead data loader. */
public class Stall {
    public static void main(String[] args) throws Exception {
        System.out.println("starting");
        for (int step = 1; step <= 20; step++) {
            System.out.println("step " + step + " loss " + (1.0 - step * 0.01));
        }
        System.out.println("waiting for the next batch");
        Thread.sleep(Long.MAX_VALUE);
    }
}
