/**
 * HTTP/1.1 plumbing on Netty epoll, without Docker semantics: {@link dev.barge.http.HttpServer}
 * listens on unix sockets (mode 0660, a group) and TCP (plain or TLS with client verification)
 * and runs a {@link dev.barge.http.Handler} per request on a virtual thread.
 *
 * <p>How a connection works ({@code Connection}): the decoder parses one request, then pauses
 * (and the socket stops being read) until that exchange ends, so pipelined requests wait their
 * turn and bytes after a request stay buffered. The body is an InputStream fed by the event loop
 * through a bounded queue ({@code InboundBytes}: the socket is not read while 1 MiB waits).
 * Streamed responses are chunked, one chunk per {@code flush()}, and a writer blocks while the
 * channel is not writable ({@code ChannelOutput}). A hijack removes the HTTP codecs, hands the
 * buffered bytes to the raw input first, and writes the {@code 101 UPGRADED} head by hand; a
 * client's half-close ends the raw input while the output stays open.
 */
package dev.barge.http;
