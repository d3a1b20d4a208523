package dev.barge.linux;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.HexFormat;

/**
 * The few rtnetlink requests a container's network needs, sent through FFM on a NETLINK_ROUTE
 * socket: no {@code ip} process per step. A socket belongs to the network namespace of the thread
 * that opened it, so requests for inside a container are made on a thread that entered it
 * ({@link NetNamespaces#runIn}). Each call opens its own socket: safe from any thread.
 */
public final class Rtnetlink {
    private static final int AF_NETLINK = 16, SOCK_RAW = 3, SOCK_CLOEXEC = 02000000, NETLINK_ROUTE = 0;
    private static final int RTM_NEWLINK = 16, RTM_DELLINK = 17, RTM_NEWADDR = 20, RTM_NEWROUTE = 24, NLMSG_ERROR = 2;
    private static final int IFLA_ADDRESS = 1, IFLA_IFNAME = 3, IFLA_MTU = 4, IFLA_MASTER = 10, IFLA_LINKINFO = 18,
            IFLA_NET_NS_FD = 28, IFLA_INFO_KIND = 1, IFLA_INFO_DATA = 2, VETH_INFO_PEER = 1;
    private static final int IFA_ADDRESS = 1, IFA_LOCAL = 2, IFA_BROADCAST = 4, RTA_GATEWAY = 5, RTA_OIF = 4;
    private static final int IFF_UP = 1, ENODEV = 19;
    private static final int O_RDONLY = 0, O_CLOEXEC = 02000000;

    private static final MethodHandle SOCKET = Libc.withErrno("socket",
            FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));
    private static final MethodHandle SEND = Libc.withErrno("send", FunctionDescriptor.of(ValueLayout.JAVA_LONG,
            ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_LONG, ValueLayout.JAVA_INT));
    private static final MethodHandle RECV = Libc.withErrno("recv", FunctionDescriptor.of(ValueLayout.JAVA_LONG,
            ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_LONG, ValueLayout.JAVA_INT));
    private static final MethodHandle IF_NAMETOINDEX = Libc.withErrno("if_nametoindex",
            FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS));
    private static final MethodHandle OPEN = Libc.withErrno("open",
            FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_INT));

    private Rtnetlink() {}

    /**
     * Creates a veth pair: {@code hostName} enslaved to {@code bridge} and up, its peer created
     * directly inside the namespace at {@code netns} as {@code peerName} with {@code peerMac}.
     */
    public static void addVeth(String hostName, String bridge, int mtu, String peerName, String peerMac, Path netns)
            throws IOException {
        int master = index(bridge);
        int nsfd = open(netns);
        try {
            NetlinkMessage m = new NetlinkMessage(RTM_NEWLINK, create(), 1).ifinfo(0, IFF_UP, IFF_UP)
                    .attr(IFLA_IFNAME, hostName).attr(IFLA_MTU, mtu).attr(IFLA_MASTER, master)
                    .begin(IFLA_LINKINFO).attr(IFLA_INFO_KIND, "veth")
                    .begin(IFLA_INFO_DATA).begin(VETH_INFO_PEER).ifinfo(0, 0, 0)
                    .attr(IFLA_IFNAME, peerName).attr(IFLA_ADDRESS, mac(peerMac)).attr(IFLA_MTU, mtu)
                    .attr(IFLA_NET_NS_FD, nsfd)
                    .end().end().end();
            request(m, "create veth " + hostName);
        } finally {
            close(nsfd);
        }
    }

    /** Deletes a link of the calling thread's namespace; an absent one is fine. */
    public static void deleteLink(String name) throws IOException {
        NetlinkMessage m = new NetlinkMessage(RTM_DELLINK, NetlinkMessage.NLM_F_REQUEST | NetlinkMessage.NLM_F_ACK, 1)
                .ifinfo(0, 0, 0).attr(IFLA_IFNAME, name);
        try {
            request(m, "delete link " + name);
        } catch (ErrnoException e) {
            if (e.errno() != ENODEV) {
                throw e;
            }
        }
    }

    /**
     * Inside a container's namespace (call on a thread that entered it): loopback up if asked,
     * {@code address/prefix} on {@code ifname}, the link up, a default route via {@code gateway}
     * unless it is empty.
     */
    public static void configure(String ifname, String address, int prefix, String gateway, boolean loopbackUp)
            throws IOException {
        int index = index(ifname);
        if (loopbackUp) {
            setUp(1, "lo");
        }
        byte[] local = ipv4(address);
        int hostMask = prefix >= 31 ? 0 : (1 << (32 - prefix)) - 1;
        byte[] broadcast = ByteBuffer.allocate(4).putInt(ByteBuffer.wrap(local).getInt() | hostMask).array();
        request(new NetlinkMessage(RTM_NEWADDR, create(), 2).ifaddr(prefix, index)
                .attr(IFA_LOCAL, local).attr(IFA_ADDRESS, local).attr(IFA_BROADCAST, broadcast), "address " + address);
        setUp(index, ifname);
        if (!gateway.isEmpty()) {
            request(new NetlinkMessage(RTM_NEWROUTE, create(), 4).rtmsg(0)
                    .attr(RTA_GATEWAY, ipv4(gateway)).attr(RTA_OIF, index), "default route via " + gateway);
        }
    }

    /** Adds the default route via {@code gateway} on {@code ifname} (calling thread's namespace). */
    public static void addDefaultRoute(String ifname, String gateway) throws IOException {
        request(new NetlinkMessage(RTM_NEWROUTE, create(), 4).rtmsg(0)
                .attr(RTA_GATEWAY, ipv4(gateway)).attr(RTA_OIF, index(ifname)), "default route via " + gateway);
    }

    /** Brings {@code name} of the calling thread's namespace up. */
    public static void up(String name) throws IOException {
        setUp(index(name), name);
    }

    private static void setUp(int index, String name) throws IOException {
        request(new NetlinkMessage(RTM_NEWLINK, NetlinkMessage.NLM_F_REQUEST | NetlinkMessage.NLM_F_ACK, 3)
                .ifinfo(index, IFF_UP, IFF_UP), "set " + name + " up");
    }

    private static int create() {
        return NetlinkMessage.NLM_F_REQUEST | NetlinkMessage.NLM_F_ACK | NetlinkMessage.NLM_F_CREATE | NetlinkMessage.NLM_F_EXCL;
    }

    /** Sends one request on a fresh socket and waits for the kernel's acknowledgement. */
    private static void request(NetlinkMessage message, String what) throws IOException {
        byte[] bytes = message.bytes();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = Libc.callState(arena);
            int fd = (int) SOCKET.invokeExact(state, AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_ROUTE);
            if (fd < 0) {
                throw Libc.failure("netlink socket", Libc.errno(state));
            }
            try {
                MemorySegment out = arena.allocate(bytes.length);
                MemorySegment.copy(bytes, 0, out, ValueLayout.JAVA_BYTE, 0, bytes.length);
                long sent = (long) SEND.invokeExact(state, fd, out, (long) bytes.length, 0);
                if (sent < 0) {
                    throw Libc.failure(what + ": netlink send", Libc.errno(state));
                }
                MemorySegment in = arena.allocate(8192);
                long got = (long) RECV.invokeExact(state, fd, in, 8192L, 0);
                if (got < 0) {
                    throw Libc.failure(what + ": netlink recv", Libc.errno(state));
                }
                ByteBuffer reply = in.asSlice(0, got).asByteBuffer().order(ByteOrder.nativeOrder());
                if (got >= 20 && (reply.getShort(4) & 0xffff) == NLMSG_ERROR) {
                    int error = reply.getInt(16);
                    if (error != 0) {
                        throw Libc.failure(what, -error);
                    }
                }
            } finally {
                close(fd);
            }
        } catch (IOException | RuntimeException e) {
            throw e;
        } catch (Throwable t) {
            throw Libc.unexpected(t);
        }
    }

    /** The interface index of {@code name} in the calling thread's namespace. */
    public static int index(String name) throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = Libc.callState(arena);
            int index = (int) IF_NAMETOINDEX.invokeExact(state, arena.allocateFrom(name));
            if (index == 0) {
                throw Libc.failure("no interface " + name, Libc.errno(state));
            }
            return index;
        } catch (IOException | RuntimeException e) {
            throw e;
        } catch (Throwable t) {
            throw Libc.unexpected(t);
        }
    }

    private static int open(Path path) throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = Libc.callState(arena);
            int fd = (int) OPEN.invokeExact(state, arena.allocateFrom(path.toString()), O_RDONLY | O_CLOEXEC);
            if (fd < 0) {
                throw Libc.failure("open " + path, Libc.errno(state));
            }
            return fd;
        } catch (IOException | RuntimeException e) {
            throw e;
        } catch (Throwable t) {
            throw Libc.unexpected(t);
        }
    }

    private static void close(int fd) {
        try {
            int ignored = (int) PathHandle.CLOSE.invokeExact(fd);
        } catch (Throwable t) {
            throw Libc.unexpected(t);
        }
    }

    static byte[] ipv4(String address) {
        String[] p = address.split("\\.");
        if (p.length != 4) {
            throw new IllegalArgumentException("not an IPv4 address: " + address);
        }
        byte[] b = new byte[4];
        for (int i = 0; i < 4; i++) {
            b[i] = (byte) Integer.parseInt(p[i]);
        }
        return b;
    }

    static byte[] mac(String mac) {
        return HexFormat.ofDelimiter(":").parseHex(mac);
    }
}
