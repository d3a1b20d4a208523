package dev.barge.linux;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

class NetlinkMessageTest {
    @Test
    void headerCarriesTotalLengthTypeFlagsAndSequence() {
        byte[] b = new NetlinkMessage(16, NetlinkMessage.NLM_F_REQUEST | NetlinkMessage.NLM_F_ACK, 7).ifinfo(3, 1, 1).bytes();
        ByteBuffer in = ByteBuffer.wrap(b).order(ByteOrder.nativeOrder());
        assertThat(b).hasSize(16 + 16);
        assertThat(in.getInt(0)).isEqualTo(32);
        assertThat(in.getShort(4)).isEqualTo((short) 16);
        assertThat(in.getShort(6)).isEqualTo((short) 5);
        assertThat(in.getInt(8)).isEqualTo(7);
        assertThat(in.getInt(20)).isEqualTo(3); // ifi_index
    }

    @Test
    void stringAttributesAreNulTerminatedAndPadded() {
        byte[] b = new NetlinkMessage(16, 1, 1).ifinfo(0, 0, 0).attr(3, "eth0").bytes();
        ByteBuffer in = ByteBuffer.wrap(b).order(ByteOrder.nativeOrder());
        assertThat(in.getShort(32)).isEqualTo((short) 9); // 4 header + "eth0\0"
        assertThat(in.getShort(34)).isEqualTo((short) 3);
        assertThat(b).hasSize(32 + 12);
        assertThat(b[40]).isZero();
    }

    @Test
    void nestedAttributesGetTheirLengthOnEnd() {
        byte[] b = new NetlinkMessage(16, 1, 1).ifinfo(0, 0, 0)
                .begin(18).attr(1, "veth").begin(2).attr(4, 1500).end().end().bytes();
        ByteBuffer in = ByteBuffer.wrap(b).order(ByteOrder.nativeOrder());
        int outer = in.getShort(32);
        assertThat(outer).isEqualTo(b.length - 32);
        assertThat(in.getShort(32 + 4)).isEqualTo((short) 9); // "veth\0"
        int inner = 32 + 4 + 12;
        assertThat(in.getShort(inner)).isEqualTo((short) 12); // 4 + (4 + 4)
        assertThat(in.getInt(inner + 8)).isEqualTo(1500);
    }

    @Test
    void addressesParse() {
        assertThat(Rtnetlink.ipv4("10.213.0.2")).containsExactly(10, (byte) 213, 0, 2);
        assertThat(Rtnetlink.mac("02:42:0a:d5:00:02")).containsExactly(2, 0x42, 10, (byte) 0xd5, 0, 2);
    }
}
