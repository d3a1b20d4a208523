/**
 * The Engine API client the CLI uses: HTTP/1.1 over a unix socket or TCP with the JDK's
 * SocketChannel, one connection per call, no Netty (the CLI must start fast).
 *
 * <p>{@link dev.barge.client.EngineClient} negotiates the API version from /_ping and sends
 * {@link dev.barge.client.Request}s: {@code call} returns a {@link dev.barge.client.Response}
 * (status, headers, a body already de-chunked) or throws {@link dev.barge.client.EngineException}
 * with the daemon's message; {@code hijack} upgrades attach/exec connections to a raw
 * {@link dev.barge.client.Hijacked} stream with half-close. {@link dev.barge.client.FrameDemuxer}
 * splits Docker's 8-byte-framed output; {@link dev.barge.client.JsonCodec#stream} reads JSON
 * message streams; {@link dev.barge.client.DockerConfig} reads ~/.docker/config.json.
 */
package dev.barge.client;
