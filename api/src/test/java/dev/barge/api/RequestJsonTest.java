package dev.barge.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.barge.core.BargeException;
import dev.barge.engineapi.ContainerCreateRequest;
import dev.barge.engineapi.ExecConfig;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class RequestJsonTest {
    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void fieldNamesMatchWhateverTheirCaseAsGoDecodes() {
        ExecConfig c = RequestJson.parse(bytes("{\"cmd\":[\"sh\"],\"detachKeys\":\"ctrl-x\",\"TTY\":true}"), ExecConfig.class);
        assertThat(c.cmd()).isEqualTo(List.of("sh"));
        assertThat(c.detachKeys()).isEqualTo("ctrl-x");
        assertThat(c.tty()).isTrue();
    }

    @Test
    void unknownFieldsAreIgnoredAndBadJsonIsAnInvalidArgument() {
        ContainerCreateRequest r = RequestJson.parse(bytes("{\"image\":\"busybox\",\"NoSuchField\":1}"), ContainerCreateRequest.class);
        assertThat(r.image()).isEqualTo("busybox");
        assertThatThrownBy(() -> RequestJson.parse(bytes("{\"Image\":"), ContainerCreateRequest.class))
                .isInstanceOf(BargeException.class).hasMessageStartingWith("invalid JSON");
    }
}
