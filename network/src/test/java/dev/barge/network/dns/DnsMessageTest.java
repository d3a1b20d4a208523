package dev.barge.network.dns;

import static org.assertj.core.api.Assertions.assertThat;

import dev.barge.network.Ipv4;
import java.util.List;
import org.junit.jupiter.api.Test;

class DnsMessageTest {
    @Test
    void queryRoundTripsThroughParser() {
        byte[] q = DnsMessage.query(0x1234, "Web.Example", DnsMessage.TYPE_A);
        DnsMessage.Question question = DnsMessage.parseQuery(q, q.length).orElseThrow();
        assertThat(question.id()).isEqualTo(0x1234);
        assertThat(question.name()).isEqualTo("web.example");
        assertThat(question.type()).isEqualTo(DnsMessage.TYPE_A);
        assertThat(question.end()).isEqualTo(q.length);
    }

    @Test
    void answerCarriesARecords() {
        byte[] q = DnsMessage.query(7, "db", DnsMessage.TYPE_A);
        DnsMessage.Question question = DnsMessage.parseQuery(q, q.length).orElseThrow();
        byte[] a = DnsMessage.answer(q, question, List.of(Ipv4.parse("10.213.0.2"), Ipv4.parse("10.213.0.3")), DnsMessage.NOERROR);
        DnsMessage.Reply reply = DnsMessage.parseReply(a, a.length);
        assertThat(reply.id()).isEqualTo(7);
        assertThat(reply.rcode()).isEqualTo(DnsMessage.NOERROR);
        assertThat(reply.addresses()).containsExactly(Ipv4.parse("10.213.0.2"), Ipv4.parse("10.213.0.3"));
        assertThat(a[2] & 0x80).isNotZero();
    }

    @Test
    void nxdomainHasNoAnswers() {
        byte[] q = DnsMessage.query(9, "nope", DnsMessage.TYPE_A);
        byte[] a = DnsMessage.answer(q, DnsMessage.parseQuery(q, q.length).orElseThrow(), List.of(), DnsMessage.NXDOMAIN);
        assertThat(DnsMessage.parseReply(a, a.length)).isEqualTo(new DnsMessage.Reply(9, DnsMessage.NXDOMAIN, List.of()));
    }

    @Test
    void responsesAndGarbageAreNotQueries() {
        byte[] q = DnsMessage.query(9, "x", DnsMessage.TYPE_A);
        q[2] |= (byte) 0x80;
        assertThat(DnsMessage.parseQuery(q, q.length)).isEmpty();
        assertThat(DnsMessage.parseQuery(new byte[] {1, 2, 3}, 3)).isEmpty();
    }
}
