/** Logs a few steps, then prints a PyTorch-style CUDA out-of-memory traceback on stderr and exits 1. */
public class CudaOom {
    public static void main(String[] args) throws Exception {
        System.out.println("starting");
        for (int step = 1; step <= 40; step++) {
            System.out.println("step " + step + " loss " + (2.0 - step * 0.01));
        }
        System.out.flush();
        System.err.println("Traceback (most recent call last):");
        System.err.println("  File \"/home/user/train.py\", line 88, in <module>");
        System.err.println("    loss.backward()");
        System.err.println("torch.OutOfMemoryError: CUDA out of memory. Tried to allocate 2.50 GiB (GPU 0; 79.35 GiB"
                + " total capacity; 77.10 GiB already allocated; 1.20 GiB free; 77.50 GiB reserved in total by PyTorch)");
        System.err.flush();
        Thread.sleep(200);
        System.exit(1);
    }
}
