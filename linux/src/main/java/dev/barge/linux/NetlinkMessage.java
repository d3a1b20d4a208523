package dev.barge.linux;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;

/**
 * Builds one rtnetlink request: the {@code nlmsghdr}, a fixed family header, then attributes
 * ({@code rtattr}, 4-byte aligned), which may nest. Pure bytes, so it is unit-tested without root.
 */
final class NetlinkMessage {
    static final int NLM_F_REQUEST = 1, NLM_F_ACK = 4, NLM_F_EXCL = 0x200, NLM_F_CREATE = 0x400;

    private final ByteBuffer buf = ByteBuffer.allocate(4096).order(ByteOrder.nativeOrder());
    private final Deque<Integer> open = new ArrayDeque<>();

    NetlinkMessage(int type, int flags, int seq) {
        buf.putInt(0).putShort((short) type).putShort((short) flags).putInt(seq).putInt(0);
    }

    /** {@code struct ifinfomsg}. */
    NetlinkMessage ifinfo(int index, int flags, int change) {
        buf.put((byte) 0).put((byte) 0).putShort((short) 0).putInt(index).putInt(flags).putInt(change);
        return this;
    }

    /** {@code struct ifaddrmsg} for IPv4. */
    NetlinkMessage ifaddr(int prefixLength, int index) {
        buf.put((byte) 2).put((byte) prefixLength).put((byte) 0).put((byte) 0).putInt(index);
        return this;
    }

    /** {@code struct rtmsg}: an IPv4 unicast route of the main table. */
    NetlinkMessage rtmsg(int dstLength) {
        buf.put((byte) 2).put((byte) dstLength).put((byte) 0).put((byte) 0)
                .put((byte) 254).put((byte) 3).put((byte) 0).put((byte) 1).putInt(0);
        return this;
    }

    NetlinkMessage attr(int type, byte[] value) {
        buf.putShort((short) (4 + value.length)).putShort((short) type).put(value);
        align();
        return this;
    }

    NetlinkMessage attr(int type, int value) {
        return attr(type, ByteBuffer.allocate(4).order(ByteOrder.nativeOrder()).putInt(value).array());
    }

    NetlinkMessage attr(int type, String value) {
        byte[] s = value.getBytes(StandardCharsets.US_ASCII);
        return attr(type, Arrays.copyOf(s, s.length + 1));
    }

    NetlinkMessage begin(int type) {
        open.push(buf.position());
        buf.putShort((short) 0).putShort((short) type);
        return this;
    }

    NetlinkMessage end() {
        int start = open.pop();
        buf.putShort(start, (short) (buf.position() - start));
        return this;
    }

    byte[] bytes() {
        buf.putInt(0, buf.position());
        return Arrays.copyOf(buf.array(), buf.position());
    }

    private void align() {
        while (buf.position() % 4 != 0) {
            buf.put((byte) 0);
        }
    }
}
