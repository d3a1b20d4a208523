package dev.barge.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.barge.http.Exchange;
import dev.barge.http.ForwardingExchange;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonStreamTest {
    /** Records what was flushed, one string per flush. */
    private static final class Recording extends ForwardingExchange {
        final List<String> flushed = new ArrayList<>();
        int status;

        Recording() {
            super((Exchange) Proxy.newProxyInstance(Exchange.class.getClassLoader(), new Class<?>[] {Exchange.class},
                    (p, m, a) -> { throw new UnsupportedOperationException(m.getName()); }));
        }

        @Override
        public OutputStream stream(int status, String contentType) {
            this.status = status;
            return new ByteArrayOutputStream() {
                @Override
                public void flush() {
                    flushed.add(toString(StandardCharsets.UTF_8));
                    reset();
                }
            };
        }
    }

    @Test
    void eachObjectIsOneFlushedLineAndErrorsUseDockersShape() {
        Recording ex = new Recording();
        try (JsonStream out = JsonStream.open(ex)) {
            out.write(Map.of("status", "Pulling fs layer"));
            out.error("manifest unknown");
        }
        assertThat(ex.status).isEqualTo(200);
        assertThat(ex.flushed).containsExactly("{\"status\":\"Pulling fs layer\"}\n",
                "{\"errorDetail\":{\"message\":\"manifest unknown\"},\"error\":\"manifest unknown\"}\n");
    }
}
