package dev.barge.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class CommitConfigTest {
    @Test
    void theBodysConfigBecomesDockerfileChanges() {
        byte[] body = """
                {"Labels":{"k":"a b"},"Env":["X=1 2"],"Cmd":["sh","-c","echo"],"WorkingDir":"/w","User":"nobody",
                 "ExposedPorts":{"80/tcp":{}},"Entrypoint":null,"Volumes":null}""".getBytes(StandardCharsets.UTF_8);
        assertThat(CommitConfig.asChanges(body)).containsExactly("LABEL \"k\"=\"a b\"", "ENV X=\"1 2\"",
                "EXPOSE 80/tcp", "WORKDIR /w", "USER nobody", "CMD [\"sh\",\"-c\",\"echo\"]");
    }

    @Test
    void anEmptyOrNullBodyChangesNothing() {
        assertThat(CommitConfig.asChanges(new byte[0])).isEmpty();
        assertThat(CommitConfig.asChanges("null".getBytes(StandardCharsets.UTF_8))).isEmpty();
    }
}
