package dev.barge.build;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.barge.core.BargeException;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The parser's golden corpus: each folder of {@code parser/} holds a {@code Dockerfile} and the
 * {@code result} it must parse to, one instruction a line ({@code LINE KEYWORD flags json | args},
 * newlines in args shown as {@code \n}), or {@code error: MESSAGE}. Set {@code -Dparser.update=true}
 * to rewrite the results (then read the diff).
 */
class ParserCorpusTest {
    @TestFactory
    Stream<DynamicTest> everyCaseParsesToItsResult() throws IOException, URISyntaxException {
        Path corpus = Path.of(getClass().getResource("/parser").toURI());
        List<Path> cases;
        try (Stream<Path> dirs = Files.list(corpus)) {
            cases = dirs.filter(Files::isDirectory).sorted().toList();
        }
        return cases.stream().map(dir -> DynamicTest.dynamicTest(dir.getFileName().toString(), () -> {
            String got = render(Files.readString(dir.resolve("Dockerfile")));
            Path result = dir.resolve("result");
            if (Boolean.getBoolean("parser.update")) {
                Path source = Path.of("src/test/resources/parser").resolve(dir.getFileName()).resolve("result");
                Files.writeString(source, got);
            } else {
                assertEquals(Files.readString(result), got);
            }
        }));
    }

    static String render(String dockerfile) {
        try {
            return DockerfileParser.parse(dockerfile).stream().map(ParserCorpusTest::line)
                    .collect(Collectors.joining("\n", "", "\n"));
        } catch (BargeException e) {
            return "error: " + e.getMessage() + "\n";
        }
    }

    private static String line(Instruction i) {
        StringBuilder b = new StringBuilder().append(i.line()).append(' ').append(i.keyword());
        new java.util.TreeMap<>(i.flags()).forEach((k, v) -> b.append(" --").append(k).append("=").append(v));
        i.json().ifPresent(j -> b.append(" json=").append(j));
        return b.append(" | ").append(i.args().replace("\n", "\\n")).toString();
    }
}
