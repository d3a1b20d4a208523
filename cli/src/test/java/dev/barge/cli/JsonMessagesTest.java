package dev.barge.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.barge.client.Response;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** jsonmessage rendering: plain lines off a terminal, lines redrawn in place with bars on one. */
class JsonMessagesTest {
    private static final String PULL = """
            {"status":"Pulling from library/busybox","id":"latest"}
            {"status":"Pulling fs layer","progressDetail":{},"id":"aaa"}
            {"status":"Pulling fs layer","progressDetail":{},"id":"bbb"}
            {"status":"Downloading","progressDetail":{"current":1000,"total":4000},"progress":"[==>  ]","id":"aaa"}
            {"status":"Download complete","progressDetail":{},"id":"aaa"}
            {"status":"Pull complete","progressDetail":{},"id":"bbb"}
            {"status":"Digest: sha256:00"}
            {"status":"Status: Downloaded newer image for busybox:latest"}
            """;

    private static String render(String stream, boolean terminal, List<String> aux) {
        Response r = new Response(200, Map.of("content-type", "application/json"),
                new ByteArrayInputStream(stream.getBytes(StandardCharsets.UTF_8)));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        JsonMessages.display(r, new PrintStream(out, true, StandardCharsets.UTF_8), terminal, a -> aux.add(a.toString()));
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void offATerminalProgressIsLeftOut() {
        assertThat(render(PULL, false, new ArrayList<>())).isEqualTo("""
                latest: Pulling from library/busybox
                aaa: Pulling fs layer
                bbb: Pulling fs layer
                aaa: Download complete
                bbb: Pull complete
                Digest: sha256:00
                Status: Downloaded newer image for busybox:latest
                """);
    }

    @Test
    void onATerminalEachIdKeepsItsLineAndIsRedrawnInPlace() {
        String out = render(PULL, true, new ArrayList<>());
        String esc = "\u001b[";
        assertThat(out).startsWith("latest: Pulling from library/busybox\n"
                + "\n" + esc + "1A" + esc + "2K\raaa: Pulling fs layer \r" + esc + "1B"
                + "\n" + esc + "1A" + esc + "2K\rbbb: Pulling fs layer \r" + esc + "1B"
                // aaa is two lines up: up 2, redraw with the bar, down 2
                + esc + "2A" + esc + "2K\raaa: Downloading [============>                                      ]"
                + "      1kB/4kB\r" + esc + "2B");
        assertThat(out).endsWith("Digest: sha256:00\nStatus: Downloaded newer image for busybox:latest\n");
    }

    @Test
    void progressBarAsJsonProgressString() throws Exception {
        ObjectMapper m = new ObjectMapper();
        assertThat(JsonMessages.progress(m.readTree("{\"current\":0,\"total\":0}"), 200)).isEmpty();
        assertThat(JsonMessages.progress(m.readTree("{\"current\":2048}"), 200)).isEqualTo(" 2.048kB");
        assertThat(JsonMessages.progress(m.readTree("{\"current\":5,\"total\":10,\"units\":\"items\"}"), 80))
                .isEqualTo("5/10 items");
        assertThat(JsonMessages.progress(m.readTree("{\"current\":4000,\"total\":4000}"), 200))
                .isEqualTo("[==================================================>]      4kB/4kB");
    }

    @Test
    void auxGoesToTheCallerAndErrorsCarryTheirCode() {
        List<String> aux = new ArrayList<>();
        String out = render("{\"stream\":\"Step 1/1 : FROM x\\n\"}\n{\"aux\":{\"ID\":\"sha256:ab\"}}\n", false, aux);
        assertThat(out).isEqualTo("Step 1/1 : FROM x\n");
        assertThat(aux).containsExactly("{\"ID\":\"sha256:ab\"}");
        assertThatThrownBy(() -> render("{\"errorDetail\":{\"code\":3,\"message\":\"boom\"},\"error\":\"boom\"}\n", false, aux))
                .isInstanceOfSatisfying(JsonMessages.StreamError.class, e -> {
                    assertThat(e.getMessage()).isEqualTo("boom");
                    assertThat(e.code()).isEqualTo(3);
                });
    }
}
