package dev.barge.runtime.conmon;

import dev.barge.core.OffCarrier;
import dev.barge.core.BargeException;
import dev.barge.linux.PathHandle;
import dev.barge.linux.SeqpacketSocket;
import dev.barge.runtime.AttachSession;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * A client of conmon's attach socket ({@code <bundle>/attach}, SOCK_SEQPACKET). Each packet from
 * conmon is one byte naming the pipe (2 stdout, 3 stderr) and the data; stdin goes back as raw
 * packets, and shutting our write side makes conmon close the container's stdin (unless it
 * was started with {@code --leave-stdin-open}). A platform thread reads the socket, since the
 * native receive would pin a virtual thread's carrier.
 */
class ConmonAttachSession implements AttachSession {
    /** conmon reads at most 32767 bytes per packet; stay well below. */
    private static final int STDIN_PACKET = 8192;
    private static final Chunk END = new Chunk(0, new byte[0]);

    private final SeqpacketSocket socket;
    private final LinkedBlockingQueue<Chunk> chunks = new LinkedBlockingQueue<>(256);
    private final OutputStream stdin;
    private final Thread reader;

    ConmonAttachSession(SeqpacketSocket socket) {
        this.socket = socket;
        this.stdin = new StdinStream();
        this.reader = Thread.ofPlatform().daemon().name("attach-reader").start(this::pump);
    }

    /** Connects to the socket in {@code directory} through a short /proc/self/fd alias. */
    static SeqpacketSocket connect(Path directory) {
        try (PathHandle handle = PathHandle.open(directory)) {
            return SeqpacketSocket.connect(handle.alias().resolve("attach"));
        } catch (IOException e) {
            throw BargeException.conflict("cannot attach: %s", e.getMessage());
        }
    }

    private void pump() {
        try {
            Optional<byte[]> packet;
            while ((packet = socket.receive(32 * 1024 + 1)).isPresent()) {
                byte[] bytes = packet.get();
                if (bytes.length < 2) continue;
                int stream = bytes[0] == 3 ? 2 : 1;
                chunks.put(new Chunk(stream, Arrays.copyOfRange(bytes, 1, bytes.length)));
            }
        } catch (IOException | InterruptedException e) {
            // the socket broke or the session closed: the output ends here
        } finally {
            try {
                chunks.put(END);
            } catch (InterruptedException e) {
                chunks.clear(); // closed while nobody read: drop what is left
                chunks.offer(END);
            }
        }
    }

    @Override
    public Chunk read() throws IOException {
        try {
            Chunk chunk = chunks.take();
            if (chunk == END) {
                chunks.offer(END);
                return null;
            }
            return chunk;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("attach read interrupted");
        }
    }

    @Override
    public OutputStream stdin() {
        return stdin;
    }

    @Override
    public void close() {
        socket.close();
        reader.interrupt();
        // closing the fd does not wake a recv blocked in the reader: end our reads here (a detach
        // from an exec whose process stays silent would wait forever otherwise)
        chunks.clear();
        chunks.offer(END);
    }

    private final class StdinStream extends OutputStream {
        private boolean closed;

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public synchronized void write(byte[] data, int offset, int length) throws IOException {
            if (closed) throw new IOException("stdin is closed");
            // send blocks while conmon's buffer is full (the process reads slowly): off the carrier
            OffCarrier.call(() -> {
                for (int at = offset; at < offset + length; at += STDIN_PACKET) {
                    socket.send(data, at, Math.min(STDIN_PACKET, offset + length - at));
                }
                return null;
            });
        }

        @Override
        public synchronized void close() throws IOException {
            if (closed) return;
            closed = true;
            socket.shutdownOutput();
        }
    }
}
