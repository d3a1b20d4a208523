package dev.barge.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code X-Registry-Config}: every registry's credentials, as {@code docker build} sends them. */
class CredentialsConfigHeaderTest {
    @Test
    void readsEveryRegistryAndFindsOneByDomain() {
        String json = "{\"https://index.docker.io/v1/\":{\"username\":\"hub\",\"password\":\"p1\"},"
                + "\"localhost:5000\":{\"username\":\"local\",\"password\":\"p2\"}}";
        String header = Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
        Map<String, Credentials> all = Credentials.fromConfigHeader(header);
        assertEquals(2, all.size());
        assertEquals("hub", Credentials.forDomain(all, "docker.io").username());
        assertEquals("p2", Credentials.forDomain(all, "localhost:5000").password());
        assertEquals(Credentials.NONE, Credentials.forDomain(all, "quay.io"));
        assertEquals(Map.of(), Credentials.fromConfigHeader(""));
    }
}
