package dev.barge.network.dns;

import dev.barge.network.Ipv4;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The sliver of DNS (RFC 1035) the embedded server needs: read the question of a query, write an
 * answer of A records or an empty answer with a response code. Hand-written rather than dnsjava
 * because that is all we decode or encode (everything else is forwarded as raw bytes), and a
 * 100-line codec costs less to start and to read than a 1 MB dependency.
 */
public final class DnsMessage {
    public static final int TYPE_A = 1, TYPE_PTR = 12, TYPE_AAAA = 28, CLASS_IN = 1;
    public static final int NOERROR = 0, SERVFAIL = 2, NXDOMAIN = 3, REFUSED = 5;
    private static final int TTL = 600;

    private DnsMessage() {}

    /** The one question of a standard query; {@code name} is lower case without the trailing dot. */
    public record Question(int id, int flags, String name, int type, int qclass, int end) {}

    public static Optional<Question> parseQuery(byte[] packet, int length) {
        try {
            ByteBuffer in = ByteBuffer.wrap(packet, 0, length);
            int id = in.getShort() & 0xffff;
            int flags = in.getShort() & 0xffff;
            int qd = in.getShort() & 0xffff;
            in.position(12);
            if ((flags & 0x8000) != 0 || ((flags >> 11) & 0xf) != 0 || qd != 1) {
                return Optional.empty();
            }
            StringBuilder name = new StringBuilder();
            for (int len = in.get() & 0xff; len != 0; len = in.get() & 0xff) {
                if (len > 63) {
                    return Optional.empty();
                }
                byte[] label = new byte[len];
                in.get(label);
                if (!name.isEmpty()) {
                    name.append('.');
                }
                name.append(new String(label, java.nio.charset.StandardCharsets.US_ASCII));
            }
            int type = in.getShort() & 0xffff;
            int qclass = in.getShort() & 0xffff;
            return Optional.of(new Question(id, flags, name.toString().toLowerCase(Locale.ROOT), type, qclass, in.position()));
        } catch (BufferUnderflowException | IndexOutOfBoundsException e) {
            return Optional.empty();
        }
    }

    /** An answer to {@code q} (whose bytes are in {@code query}) with the given A records and code. */
    public static byte[] answer(byte[] query, Question q, List<Ipv4> addresses, int rcode) {
        return answer(query, q, TYPE_A, addresses.stream().map(Ipv4::bytes).toList(), rcode);
    }

    /** An answer with AAAA records (16-byte addresses). */
    public static byte[] answer6(byte[] query, Question q, List<byte[]> addresses, int rcode) {
        return answer(query, q, TYPE_AAAA, addresses, rcode);
    }

    private static byte[] answer(byte[] query, Question q, int type, List<byte[]> addresses, int rcode) {
        int questionLength = q.end() - 12;
        int rdata = addresses.stream().mapToInt(a -> 12 + a.length).sum();
        ByteBuffer out = ByteBuffer.allocate(12 + questionLength + rdata);
        out.putShort((short) q.id());
        int flags = 0x8000 | (q.flags() & 0x0100) | 0x0080 | 0x0400 | (rcode & 0xf);
        out.putShort((short) flags);
        out.putShort((short) 1);
        out.putShort((short) addresses.size());
        out.putShort((short) 0);
        out.putShort((short) 0);
        out.put(query, 12, questionLength);
        for (byte[] a : addresses) {
            out.putShort((short) 0xC00C); // pointer to the question's name
            out.putShort((short) type);
            out.putShort((short) CLASS_IN);
            out.putInt(TTL);
            out.putShort((short) a.length);
            out.put(a);
        }
        return out.array();
    }

    /** An answer with one PTR record naming {@code target}. */
    public static byte[] answerPtr(byte[] query, Question q, String target) {
        byte[] name = encodeName(target);
        int questionLength = q.end() - 12;
        ByteBuffer out = ByteBuffer.allocate(12 + questionLength + 12 + name.length);
        out.putShort((short) q.id());
        out.putShort((short) (0x8000 | (q.flags() & 0x0100) | 0x0080 | 0x0400));
        out.putShort((short) 1).putShort((short) 1).putShort((short) 0).putShort((short) 0);
        out.put(query, 12, questionLength);
        out.putShort((short) 0xC00C).putShort((short) TYPE_PTR).putShort((short) CLASS_IN).putInt(TTL);
        out.putShort((short) name.length).put(name);
        return out.array();
    }

    /**
     * The address a reverse name stands for ({@code 4.3.2.1.in-addr.arpa} is 1.2.3.4), if it is one.
     */
    public static Optional<Ipv4> reverseAddress(String name) {
        String suffix = ".in-addr.arpa";
        if (!name.endsWith(suffix)) {
            return Optional.empty();
        }
        String[] parts = name.substring(0, name.length() - suffix.length()).split("\\.");
        if (parts.length != 4) {
            return Optional.empty();
        }
        String dotted = parts[3] + "." + parts[2] + "." + parts[1] + "." + parts[0];
        return Ipv4.isIpv4(dotted) ? Optional.of(Ipv4.parse(dotted)) : Optional.empty();
    }

    private static byte[] encodeName(String name) {
        ByteBuffer out = ByteBuffer.allocate(name.length() + 2);
        for (String label : name.split("\\.")) {
            byte[] b = label.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            out.put((byte) b.length).put(b);
        }
        out.put((byte) 0);
        return java.util.Arrays.copyOf(out.array(), out.position());
    }

    /** A query for {@code name} (tests and probes). */
    public static byte[] query(int id, String name, int type) {
        ByteBuffer out = ByteBuffer.allocate(12 + name.length() + 2 + 4);
        out.putShort((short) id).putShort((short) 0x0100).putShort((short) 1).putShort((short) 0)
                .putShort((short) 0).putShort((short) 0);
        for (String label : name.split("\\.")) {
            out.put((byte) label.length()).put(label.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        }
        out.put((byte) 0).putShort((short) type).putShort((short) CLASS_IN);
        return java.util.Arrays.copyOf(out.array(), out.position());
    }

    /** The response code and A records of an answer (tests and probes). */
    public record Reply(int id, int rcode, List<Ipv4> addresses) {}

    public static Reply parseReply(byte[] packet, int length) {
        ByteBuffer in = ByteBuffer.wrap(packet, 0, length);
        int id = in.getShort() & 0xffff;
        int rcode = in.getShort() & 0xf;
        int qd = in.getShort() & 0xffff;
        int an = in.getShort() & 0xffff;
        in.position(12);
        for (int i = 0; i < qd; i++) {
            skipName(in);
            in.position(in.position() + 4);
        }
        java.util.ArrayList<Ipv4> addresses = new java.util.ArrayList<>();
        for (int i = 0; i < an; i++) {
            skipName(in);
            int type = in.getShort() & 0xffff;
            in.position(in.position() + 6);
            int rdlength = in.getShort() & 0xffff;
            if (type == TYPE_A && rdlength == 4) {
                addresses.add(new Ipv4(in.getInt()));
            } else {
                in.position(in.position() + rdlength);
            }
        }
        return new Reply(id, rcode, List.copyOf(addresses));
    }

    private static void skipName(ByteBuffer in) {
        for (int len = in.get() & 0xff; len != 0; len = in.get() & 0xff) {
            if ((len & 0xC0) == 0xC0) {
                in.get();
                return;
            }
            in.position(in.position() + len);
        }
    }
}
