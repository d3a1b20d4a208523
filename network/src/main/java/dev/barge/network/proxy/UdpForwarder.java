package dev.barge.network.proxy;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.SocketTimeoutException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Relays datagrams: one upstream socket per client address, so replies find their way back;
 * a flow idle for {@link #IDLE_MS} is forgotten (Docker's proxy uses 90 s).
 */
final class UdpForwarder implements Forwarder {
    private static final int IDLE_MS = 90_000;
    private static final int MAX = 65_507;

    private final DatagramSocket listener;
    private final InetSocketAddress target;
    private final Map<SocketAddress, DatagramSocket> flows = new ConcurrentHashMap<>();

    UdpForwarder(DatagramSocket listener, InetSocketAddress target) {
        this.listener = listener;
        this.target = target;
        Thread.ofVirtual().name("proxy-udp-" + listener.getLocalPort()).start(this::receiveLoop);
    }

    private void receiveLoop() {
        byte[] buf = new byte[MAX];
        while (!listener.isClosed()) {
            try {
                DatagramPacket packet = new DatagramPacket(buf, buf.length);
                listener.receive(packet);
                SocketAddress client = packet.getSocketAddress();
                DatagramSocket upstream = flows.computeIfAbsent(client, this::openFlow);
                upstream.send(new DatagramPacket(packet.getData(), packet.getOffset(), packet.getLength()));
            } catch (IOException | java.io.UncheckedIOException e) {
                if (listener.isClosed()) {
                    return;
                }
            }
        }
    }

    private DatagramSocket openFlow(SocketAddress client) {
        try {
            DatagramSocket upstream = new DatagramSocket();
            upstream.connect(target);
            upstream.setSoTimeout(IDLE_MS);
            Thread.ofVirtual().start(() -> replyLoop(client, upstream));
            return upstream;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private void replyLoop(SocketAddress client, DatagramSocket upstream) {
        byte[] buf = new byte[MAX];
        try (upstream) {
            while (!listener.isClosed()) {
                DatagramPacket packet = new DatagramPacket(buf, buf.length);
                upstream.receive(packet);
                listener.send(new DatagramPacket(packet.getData(), packet.getOffset(), packet.getLength(), client));
            }
        } catch (SocketTimeoutException e) {
            // idle flow
        } catch (IOException e) {
            // upstream gone or listener closed
        } finally {
            flows.remove(client, upstream);
        }
    }

    @Override
    public void close() {
        listener.close();
        flows.values().forEach(DatagramSocket::close);
    }
}
