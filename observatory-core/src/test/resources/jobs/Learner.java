import java.nio.file.Files;
import java.nio.file.Path;

/** Learns normally: loss decays over 400 steps, a checkpoint every 100 steps, HF-style dicts every 50 steps. */
public class Learner {
    public static void main(String[] args) throws Exception {
        int steps = args.length > 0 ? Integer.parseInt(args[0]) : 400;
        System.out.println("starting with token " + System.getenv("HF_TOKEN"));
        Path ckpt = Path.of("checkpoints");
        Files.createDirectories(ckpt);
        for (int step = 1; step <= steps; step++) {
            double loss = 2.0 * Math.exp(-step / 100.0) + 0.1;
            System.out.printf("step %d loss %.5f lr 0.001%n", step, loss);
            if (step % 50 == 0) {
                System.out.printf("{'loss': %.5f, 'learning_rate': 0.001, 'epoch': %.2f}%n", loss, step / 100.0);
            }
            if (step % 100 == 0) {
                Files.writeString(ckpt.resolve("step_" + step + ".ckpt"), "weights at " + step);
                System.out.println("saved checkpoint checkpoints/step_" + step + ".ckpt");
            }
        }
        System.out.println("training done");
    }
}
