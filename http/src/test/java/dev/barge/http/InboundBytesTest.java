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
    void onceRefusedOffersStayRefusedUntilTheReaderResumes() throws IOException {
        AtomicInteger resumed = new AtomicInteger();
        InboundBytes in = new InboundBytes(resumed::incrementAndGet);
        byte[] chunk = new byte[64 << 10];
        while (in.offer(Unpooled.wrappedBuffer(chunk))) {
            // fill above the high mark
        }
        // the reader takes a little (not down to the low mark) while the event loop still
        // delivers the rest of its socket read: reading is off, so these must not say "go on"
        byte[] buf = new byte[chunk.length];
        in.read(buf, 0, buf.length);
        in.read(buf, 0, buf.length);
        assertThat(in.offer(Unpooled.wrappedBuffer(new byte[10]))).isFalse();
        assertThat(resumed).hasValue(0);
        while (resumed.get() == 0) {
            in.read(buf, 0, buf.length);
        }
        assertThat(resumed).hasValue(1);
        assertThat(in.offer(Unpooled.wrappedBuffer(new byte[10]))).isTrue();
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
