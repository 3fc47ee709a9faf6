/** Trains normally until step 300, where the loss becomes NaN; then keeps going (slowly) until stopped. */
public class NanAtStep {
    public static void main(String[] args) throws Exception {
        System.out.println("starting");
        for (int step = 1; step < 100_000; step++) {
            double loss = step >= 300 ? Double.NaN : 1.5 * Math.exp(-step / 200.0) + 0.2;
            System.out.println("step=" + step + " loss=" + (Double.isNaN(loss) ? "nan" : String.format("%.5f", loss)));
            if (step >= 300) {
                Thread.sleep(50);
            }
        }
    }
}
