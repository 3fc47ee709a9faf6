package dev.observatory.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.observatory.store.StorageComponent;
import dev.observatory.store.memory.InMemoryStorage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The start-up shortcuts of {@code observatory mcp} (decision 0009, addendum 3) keep its behaviour. */
class McpStartupTest {

    @Test
    void theMcpCommandLineAloneAnswersBadOptionsLikeTheWholeCommandLine() {
        String[] bad = { "--data-dir", "/tmp/x", "--no-such-option" };
        String[] full = new String[bad.length + 1];
        full[0] = "mcp";
        System.arraycopy(bad, 0, full, 1, bad.length);
        Captured whole = stderrOf(() -> Main.run(full));
        Captured alone = stderrOf(() -> Main.runMcp(bad));
        assertThat(alone.code()).isEqualTo(whole.code()).isEqualTo(2);
        assertThat(alone.text()).isEqualTo(whole.text()).contains("--no-such-option")
                .contains("Usage: observatory mcp");
    }

    @Test
    void aDeferredStoreOpensAtStartOrFirstUseAndOnlyOnce() throws Exception {
        AtomicInteger opens = new AtomicInteger();
        StorageComponent memory = new InMemoryStorage();
        LazyStorage store = new LazyStorage("memory", () -> {
            opens.incrementAndGet();
            return memory;
        }, false);
        assertThat(opens).hasValue(0);
        assertThat(store.projects()).isSameAs(memory.projects()); // first use starts the open and waits for it
        store.start();
        store.start();
        assertThat(opens).hasValue(1);
        store.close();
    }

    @Test
    void aDeferredStoreThatWasNeverUsedIsNeverOpenedNotEvenToClose() {
        AtomicInteger opens = new AtomicInteger();
        LazyStorage store = new LazyStorage("memory", () -> {
            opens.incrementAndGet();
            return new InMemoryStorage();
        }, false);
        store.close();
        assertThat(opens).hasValue(0);
    }

    private record Captured(int code, String text) {
    }

    private static Captured stderrOf(java.util.function.IntSupplier run) {
        PrintStream old = System.err;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setErr(new PrintStream(buf, true, StandardCharsets.UTF_8));
        try {
            int code = run.getAsInt();
            return new Captured(code, buf.toString(StandardCharsets.UTF_8));
        } finally {
            System.setErr(old);
        }
    }
}
