package dev.barge.container;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class NamesTest {
    @Test
    void validNamesGetALeadingSlash() {
        assertThat(Names.validate("web")).isEqualTo("/web");
        assertThat(Names.validate("/web.1_a-b")).isEqualTo("/web.1_a-b");
    }

    @Test
    void invalidNamesAreRejectedWithDockersMessage() {
        assertThatThrownBy(() -> Names.validate("-bad"))
                .hasMessage("Invalid container name (-bad), only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed");
        assertThatThrownBy(() -> Names.validate("a")).hasMessageContaining("Invalid container name");
        assertThatThrownBy(() -> Names.validate("a b")).hasMessageContaining("Invalid container name");
    }

    @Test
    void generatedNamesAreValidAndAvoidTakenOnes() {
        Set<String> taken = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            String n = Names.generate(taken::contains);
            assertThat(n).matches("/[a-z]+_[a-z]+\\d?");
            assertThat(Names.validate(n)).isEqualTo(n);
            assertThat(taken.add(n)).isTrue();
        }
    }

    @Test
    void wordListsAreLargeAndDistinct() {
        assertThat(Names.adjectives()).hasSizeGreaterThanOrEqualTo(60).doesNotHaveDuplicates();
        assertThat(Names.surnames()).hasSizeGreaterThanOrEqualTo(60).doesNotHaveDuplicates();
    }

    @Test
    void idsAre64HexAndNotAllDigits() {
        String id = Ids.random();
        assertThat(id).matches("[0-9a-f]{64}");
        assertThat(id.substring(0, 12)).matches(".*[a-f].*");
    }
}
