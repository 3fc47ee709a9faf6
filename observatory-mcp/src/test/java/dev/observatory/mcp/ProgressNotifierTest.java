package dev.observatory.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelcontextprotocol.spec.McpSchema.ProgressNotification;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ProgressNotifierTest {
    private final List<ProgressNotification> sent = new ArrayList<>();
    private final AtomicLong clock = new AtomicLong();
    private final ProgressNotifier progress = new ProgressNotifier("tok-1", sent::add, clock::get);

    @Test
    void sendsTheFirstReportAtOnceWithTheCallsToken() {
        progress.report(1, 10.0, "image 1 of 10");

        assertThat(sent).singleElement().satisfies(n -> {
            assertThat(n.progressToken()).isEqualTo("tok-1");
            assertThat(n.progress()).isEqualTo(1.0);
            assertThat(n.total()).isEqualTo(10.0);
            assertThat(n.message()).isEqualTo("image 1 of 10");
        });
    }

    @Test
    void throttlesReportsCloserThanTheIntervalButAlwaysSendsTheLast() {
        for (int i = 1; i <= 10; i++) {
            progress.report(i, 10.0, null);
            clock.addAndGet(ProgressNotifier.MIN_INTERVAL_NANOS / 4);
        }

        assertThat(sent).extracting(ProgressNotification::progress).containsExactly(1.0, 5.0, 9.0, 10.0);
    }

    @Test
    void dropsReportsThatDoNotGrowBecauseTheProtocolRequiresIncreasingProgress() {
        progress.report(5, null, null);
        clock.addAndGet(ProgressNotifier.MIN_INTERVAL_NANOS * 2);
        progress.report(5, null, null);
        clock.addAndGet(ProgressNotifier.MIN_INTERVAL_NANOS * 2);
        progress.report(3, null, null);
        clock.addAndGet(ProgressNotifier.MIN_INTERVAL_NANOS * 2);
        progress.report(Double.NaN, null, null);
        clock.addAndGet(ProgressNotifier.MIN_INTERVAL_NANOS * 2);
        progress.report(6, null, null);

        assertThat(sent).extracting(ProgressNotification::progress).containsExactly(5.0, 6.0);
    }

    @Test
    void aFailingSendNeverFailsTheTool() {
        ProgressNotifier broken = new ProgressNotifier("t", n -> {
            throw new IllegalStateException("session closed");
        }, clock::get);

        broken.report(1, 2.0, "half");
        broken.report(2, 2.0, "done");
    }

    @Test
    void callsWithoutAProgressTokenReportNowhere() {
        assertThat(ProgressNotifier.of(null, "tok")).isSameAs(dev.observatory.mcp.tool.Progress.NONE);
    }
}
