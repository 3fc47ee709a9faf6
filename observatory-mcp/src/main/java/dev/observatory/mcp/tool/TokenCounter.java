package dev.observatory.mcp.tool;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingType;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Counts tokens with jtokkit's o200k encoding (GPT-4o family; a good proxy for current assistants). The encoding is
 * loaded on first use (about a second); the first {@link #upperBound} (every bounded tool answer asks it) starts
 * loading it in the background, so an idle server never holds its ~33 MB of heap (decision 0031) and a used one has it
 * before its first answer that needs an exact count, in most cases.
 */
public final class TokenCounter {
    private static volatile Encoding encoding;
    private static final AtomicBoolean WARM_UP_ASKED = new AtomicBoolean();

    private TokenCounter() {
    }

    private static Encoding encoding() {
        Encoding e = encoding;
        if (e == null) {
            synchronized (TokenCounter.class) {
                e = encoding;
                if (e == null) {
                    e = Encodings.newLazyEncodingRegistry().getEncoding(EncodingType.O200K_BASE);
                    encoding = e;
                }
            }
        }
        return e;
    }

    /** Exact token count (special tokens counted as ordinary text). */
    public static int count(String text) {
        return encoding().countTokensOrdinary(text);
    }

    /**
     * An upper bound without tokenizing: every o200k token covers at least one UTF-8 byte, so the byte length bounds
     * the token count.
     */
    public static int upperBound(String text) {
        if (encoding == null && WARM_UP_ASKED.compareAndSet(false, true)) {
            warmUpLater(Duration.ZERO);
        }
        return text.length() < 1024 ? text.getBytes(StandardCharsets.UTF_8).length : utf8Length(text);
    }

    private static int utf8Length(String s) {
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            n += c < 0x80 ? 1 : c < 0x800 ? 2 : Character.isSurrogate(c) ? 2 : 3;
        }
        return n;
    }

    /** Loads the encoding on a daemon thread after {@code delay}, so the first large tool answer does not wait. */
    public static void warmUpLater(Duration delay) {
        if (encoding != null) {
            return;
        }
        Thread t = new Thread(() -> {
            try {
                Thread.sleep(delay.toMillis());
                count("warm up");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                // the next real count reports the problem
            }
        }, "tokenizer-warmup");
        t.setDaemon(true);
        t.setPriority(Thread.MIN_PRIORITY);
        t.start();
    }
}
