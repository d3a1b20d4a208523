package dev.barge.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class StreamsTest {
    private static ByteArrayInputStream bytes(String s) {
        return new ByteArrayInputStream(s.getBytes(StandardCharsets.ISO_8859_1));
    }

    @Test
    void chunkedBodiesDecodeWithExtensionsAndTrailers() throws IOException {
        var in = new ChunkedInputStream(bytes("5;ext=1\r\nhello\r\n7\r\n, world\r\n0\r\nX-Trailer: y\r\n\r\nNEXT"));
        assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("hello, world");
    }

    @Test
    void chunkedEncodingRoundTrips() throws IOException {
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        try (ChunkedOutputStream out = new ChunkedOutputStream(wire)) {
            out.write("abc".getBytes(StandardCharsets.UTF_8));
            out.write(new byte[0]);
            out.write("defgh".getBytes(StandardCharsets.UTF_8));
        }
        assertThat(wire.toString(StandardCharsets.US_ASCII)).isEqualTo("3\r\nabc\r\n5\r\ndefgh\r\n0\r\n\r\n");
        assertThat(new ChunkedInputStream(new ByteArrayInputStream(wire.toByteArray())).readAllBytes())
                .asString().isEqualTo("abcdefgh");
    }

    @Test
    void truncatedChunkIsAnError() {
        assertThatThrownBy(() -> new ChunkedInputStream(bytes("a\r\nabc")).readAllBytes()).isInstanceOf(IOException.class);
    }

    @Test
    void framesSplitIntoStdoutAndStderr() throws IOException {
        var in = new SequenceInputStream(new ByteArrayInputStream(EngineClientTest.frame(1, "out1 ")),
                new SequenceInputStream(new ByteArrayInputStream(EngineClientTest.frame(2, "err")),
                        new ByteArrayInputStream(EngineClientTest.frame(1, "out2"))));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        FrameDemuxer.copy(in, out, err);
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("out1 out2");
        assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo("err");
    }

    @Test
    void systemErrorFrameRaisesItsText() {
        var in = new ByteArrayInputStream(EngineClientTest.frame(3, "exec failed"));
        assertThatThrownBy(() -> FrameDemuxer.copy(in, new ByteArrayOutputStream(), new ByteArrayOutputStream()))
                .hasMessage("exec failed");
    }

    @Test
    void hostsParseLikeDockers() {
        assertThat(DockerHost.parse("unix:///run/x.sock").isUnix()).isTrue();
        assertThat(DockerHost.parse("tcp://127.0.0.1:2375").url()).isEqualTo("tcp://127.0.0.1:2375");
        assertThat(DockerHost.resolve(Optional.empty(), Map.of()).url()).isEqualTo(DockerHost.DEFAULT);
        assertThat(DockerHost.resolve(Optional.empty(), Map.of("DOCKER_HOST", "unix:///a", "BARGE_HOST", "unix:///b"))
                .url()).isEqualTo("unix:///b");
        assertThat(DockerHost.resolve(Optional.of("tcp://h:1"), Map.of("BARGE_HOST", "unix:///b")).url())
                .isEqualTo("tcp://h:1");
    }

    @Test
    void aTcpHostWithoutPortMeans2375PlainAnd2376WithTls() {
        TlsOptions tls = new TlsOptions(true, Optional.empty(), Optional.empty(), Optional.empty());
        assertThat(((java.net.InetSocketAddress) DockerHost.parse("tcp://h").address()).getPort()).isEqualTo(2375);
        assertThat(((java.net.InetSocketAddress) DockerHost.parse("tcp://h").withTls(tls).address()).getPort())
                .isEqualTo(2376);
        assertThat(((java.net.InetSocketAddress) DockerHost.parse("tcp://h:9").withTls(tls).address()).getPort())
                .isEqualTo(9);
    }

    @Test
    void versionsCompareNumerically() {
        assertThat(EngineClient.compareVersions("1.9", "1.24")).isNegative();
        assertThat(EngineClient.compareVersions("1.50", "1.50")).isZero();
    }
}
