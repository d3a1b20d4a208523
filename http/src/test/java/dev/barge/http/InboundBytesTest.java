package dev.barge.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.Unpooled;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class InboundBytesTest {
    @Test
    void askingToStopReadingAboveTheHighMarkAndToResumeBelowTheLowMark() throws IOException {
        AtomicInteger resumed = new AtomicInteger();
        InboundBytes in = new InboundBytes(resumed::incrementAndGet);
        byte[] chunk = new byte[64 << 10];
        int offered = 0;
        boolean more = true;
        while (more) {
            more = in.offer(Unpooled.wrappedBuffer(chunk));
            offered += chunk.length;
        }
        assertThat(offered).isGreaterThan(InboundBytes.HIGH).isLessThanOrEqualTo(InboundBytes.HIGH + chunk.length);
        byte[] buf = new byte[8192];
        int read = 0;
        while (resumed.get() == 0) {
            read += in.read(buf, 0, buf.length);
        }
        assertThat(offered - read).isLessThan(InboundBytes.LOW);
        in.end();
        while (in.read(buf, 0, buf.length) > 0) {
            // drain
        }
        assertThat(in.read()).isEqualTo(-1);
    }

    @Test
    void aBrokenStreamFailsAfterWhatWasQueued() throws IOException {
        InboundBytes in = new InboundBytes(() -> { });
        in.offer(Unpooled.wrappedBuffer(new byte[] {1, 2}));
        in.fail("client closed the connection");
        assertThat(in.read()).isEqualTo(1);
        assertThat(in.read()).isEqualTo(2);
        assertThatThrownBy(in::read).isInstanceOf(IOException.class).hasMessage("client closed the connection");
    }
}
