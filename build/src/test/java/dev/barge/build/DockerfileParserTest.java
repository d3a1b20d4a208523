package dev.barge.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.barge.core.BargeException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DockerfileParserTest {
    @Test
    void continuationsCommentsAndForms() {
        List<Instruction> got = DockerfileParser.parse("""
                ARG BASE=busybox
                # a comment
                FROM ${BASE} AS one
                RUN echo a \\
                # inside
                  && echo b
                CMD ["sh", "-c", "echo hi"]
                COPY --chown=1:1 --from=one a b /dst/
                """);
        assertEquals(5, got.size());
        assertEquals(1, got.get(0).line());
        assertEquals("FROM", got.get(1).keyword());
        assertEquals(3, got.get(1).line());
        assertEquals("echo a   && echo b", got.get(2).args());
        assertEquals(Optional.of(List.of("sh", "-c", "echo hi")), got.get(3).json());
        assertEquals(Map.of("chown", "1:1", "from", "one"), got.get(4).flags());
        assertEquals("a b /dst/", got.get(4).args());
        assertEquals(8, got.get(4).line());
    }

    @Test
    void escapeDirective() {
        List<Instruction> got = DockerfileParser.parse("# escape=`\nFROM busybox\nRUN echo `\n  x\n");
        assertEquals("echo   x", got.get(1).args());
    }

    @Test
    void unknownInstructionNamesTheLine() {
        BargeException e = assertThrows(BargeException.class, () -> DockerfileParser.parse("FROM busybox\n\nFOO bar\n"));
        assertTrue(e.getMessage().contains("dockerfile parse error line 3:"), e.getMessage());
    }

    @Test
    void heredocs() {
        List<Instruction> got = DockerfileParser.parse("FROM busybox\nRUN <<EOF\necho a\necho b\nEOF\nRUN cat > /f <<-END\n\tline\n\tEND\nCMD x\n");
        assertEquals(4, got.size());
        assertEquals("echo a\necho b\n", got.get(1).args());
        assertEquals("cat > /f <<-END\nline\nEND", got.get(2).args());
        assertEquals(9, got.get(3).line());
        BargeException e = assertThrows(BargeException.class, () -> DockerfileParser.parse("FROM a\nRUN <<EOF\nx\n"));
        assertTrue(e.getMessage().contains("dockerfile parse error line 2:"), e.getMessage());
    }

    @Test
    void malformedInput() {
        assertTrue(assertThrows(BargeException.class, () -> DockerfileParser.parse("FROM a\nCOPY\n")).getMessage()
                .startsWith("dockerfile parse error line 2:"));
        assertTrue(assertThrows(BargeException.class, () -> DockerfileParser.parse("# escape=x\nFROM a\n")).getMessage()
                .startsWith("dockerfile parse error line 1:"));
        // a bad JSON array is shell form, as Docker takes it
        assertEquals(Optional.empty(), DockerfileParser.parse("CMD [\"a\", b]\n").getFirst().json());
        assertEquals(List.of("a", "b"), DockerfileParser.parse("ENTRYPOINT [ \"a\" , \"b\" ]").getFirst().json().orElseThrow());
        assertEquals("linux/amd64", DockerfileParser.parse("FROM --platform=linux/amd64 busybox AS b").getFirst().flag("platform"));
    }

    @Test
    void expansion() {
        Map<String, String> v = Map.of("A", "x", "E", "");
        assertEquals("x-x-d-alt--$A", Variables.expand("$A-${A}-${E:-d}-${A:+alt}-${E:+no}-\\$A", v, 1));
    }
}
