package dev.barge.build;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.barge.image.RunConfig;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Configuration steps' history lines, as Docker's legacy builder writes them. */
class HistoryTest {
    @Test
    void pairsAreUnquotedAndCommandsGoQuoted() {
        assertEquals("ENV A=1 B=two words", History.of("ENV", "A=1 B=\"two words\"", RunConfig.EMPTY));
        assertEquals("ENV OLD=value with spaces", History.of("ENV", "OLD value with spaces", RunConfig.EMPTY));
        assertEquals("LABEL com.x=y z", History.of("LABEL", "\"com.x\"=\"y z\"", RunConfig.EMPTY));
        assertEquals("CMD [\"/bin/sh\" \"-c\" \"echo \\\"hi\\\"\"]",
                History.of("CMD", "echo \"hi\"", RunConfig.EMPTY.withCmd(List.of("/bin/sh", "-c", "echo \"hi\""))));
        assertEquals("ENTRYPOINT [\"sh\"]", History.of("ENTRYPOINT", "[\"sh\"]", RunConfig.EMPTY.withEntrypoint(List.of("sh"))));
        assertEquals("VOLUME [/a /b]", History.of("VOLUME", "[\"/a\", \"/b\"]", RunConfig.EMPTY));
        assertEquals("VOLUME [/data]", History.of("VOLUME", "/data", RunConfig.EMPTY));
        assertEquals("EXPOSE 80 443/tcp", History.of("EXPOSE", "80 443/tcp", RunConfig.EMPTY));
    }
}
