import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes checkpoints in common layouts: a Hugging Face checkpoint-100/ folder, then (once a file named "proceed"
 * appears, at most 30 s later) step_200.pt, a Lightning epoch=1-step=300.ckpt, a file that is no checkpoint and one in
 * a hidden folder.
 */
public class CheckpointWriter {
    public static void main(String[] args) throws Exception {
        Path tmp = Files.createDirectories(Path.of("out", "tmp-checkpoint-100"));
        Files.write(tmp.resolve("model.safetensors"), new byte[1000]);
        Files.writeString(tmp.resolve("trainer_state.json"), "{\"global_step\": 100}");
        Files.move(tmp, Path.of("out", "checkpoint-100")); // complete folders appear at once, as the HF Trainer does
        System.out.println("step 100 loss 0.5");
        long deadline = System.currentTimeMillis() + 30_000;
        while (!Files.exists(Path.of("proceed")) && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
        }
        Files.write(Path.of("step_200.pt"), new byte[200]);
        Files.write(Path.of("epoch=1-step=300.ckpt"), new byte[300]);
        Files.writeString(Path.of("notes.txt"), "not a checkpoint");
        Files.createDirectories(Path.of(".cache"));
        Files.write(Path.of(".cache", "step_999.pt"), new byte[9]);
        System.out.println("step 300 loss 0.3");
    }
}
