package dev.barge.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DetachKeysTest {
    private static byte[] bytes(int... b) {
        byte[] out = new byte[b.length];
        for (int i = 0; i < b.length; i++) out[i] = (byte) b[i];
        return out;
    }

    @Test
    void keysParseLikeDockers() {
        assertThat(AttachStreams.parseKeys(null)).containsExactly(16, 17);
        assertThat(AttachStreams.parseKeys("ctrl-a,x")).containsExactly(1, 'x');
        assertThatThrownBy(() -> AttachStreams.parseKeys("ctrl-aa")).hasMessageContaining("Invalid detach keys");
    }

    @Test
    void theSequenceIsHeldBackAcrossReadsAndDetaches() {
        var f = new AttachStreams.DetachKeyFilter(AttachStreams.parseKeys(null));
        assertThat(f.pass(bytes('a', 16), 2)).containsExactly('a');
        assertThat(f.pass(bytes(17), 1)).isNull();
    }

    @Test
    void aBrokenSequenceSendsTheHeldKeys() {
        var f = new AttachStreams.DetachKeyFilter(AttachStreams.parseKeys(null));
        assertThat(f.pass(bytes(16), 1)).isEmpty();
        assertThat(f.pass(bytes('x', 16, 16), 3)).containsExactly(16, 'x', 16);
        assertThat(f.pass(bytes('y'), 1)).containsExactly(16, 'y');
    }
}
