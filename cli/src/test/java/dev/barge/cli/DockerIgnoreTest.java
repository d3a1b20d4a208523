package dev.barge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** .dockerignore as moby's patternmatcher reads it (cases from its semantics: parents, '**', exceptions). */
class DockerIgnoreTest {
    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            skip            | skip            | true
            skip            | skip/g          | true
            skip            | skipper         | false
            skip            | a/skip          | false
            *.log           | a.log           | true
            *.log           | sub/a.log       | false
            **/*.log        | sub/deep/a.log  | true
            **/*.log        | a.log           | true
            sub/**          | sub/x/y         | true
            sub/**          | sub             | false
            a?c             | abc             | true
            a?c             | a/c             | false
            [ab].txt        | b.txt           | true
            [ab].txt        | c.txt           | false
            /abs/x          | abs/x           | true
            ./rel/../x      | x               | true
            dir/*           | dir/f           | true
            dir/*           | dir/sub/f       | true
            file.(x)        | file.(x)        | true
            **              | anything/at/all | true
            """)
    void matchesAsPatternmatcher(String pattern, String path, boolean excluded) {
        assertThat(DockerIgnore.of(DockerIgnore.parse(pattern)).excludes(path)).isEqualTo(excluded);
    }

    @Test
    void laterExceptionsBringFilesBackAndLaterPatternsWin() {
        DockerIgnore ignore = DockerIgnore.of(DockerIgnore.parse("*.log\n!keep.log\n# comment\n\n  \nkeep.log.old\n"));
        assertThat(ignore.excludes("a.log")).isTrue();
        assertThat(ignore.excludes("keep.log")).isFalse();
        assertThat(ignore.excludes("keep.log.old")).isTrue();
        assertThat(ignore.excludes("README")).isFalse();
        assertThat(ignore.hasExceptions()).isTrue();

        DockerIgnore again = DockerIgnore.of(DockerIgnore.parse("!keep.log\n*.log\n"));
        assertThat(again.excludes("keep.log")).isTrue();
    }

    @Test
    void parseCleansAndKeepsExceptionMarks() {
        assertThat(DockerIgnore.parse("# c\n /a/b/ \n! ./x/../y\n\n*.tmp\r\n")).containsExactly("a/b", "!y", "*.tmp");
    }

    @Test
    void contextTarLeavesIgnoredPathsOutButDescendsForExceptions(@TempDir Path dir) throws IOException {
        Files.createDirectories(dir.resolve("skip"));
        Files.createDirectories(dir.resolve("sub"));
        Files.writeString(dir.resolve("skip/g"), "g");
        Files.writeString(dir.resolve("skip/back"), "b");
        Files.writeString(dir.resolve("sub/f"), "f");
        Files.writeString(dir.resolve("a.log"), "a");
        Files.writeString(dir.resolve("Dockerfile"), "FROM x\n");
        DockerIgnore ignore = DockerIgnore.of(DockerIgnore.parse("skip\n*.log\n!skip/back\n"));
        TarFiles.Filter filter = new TarFiles.Filter() {
            @Override
            public boolean excludes(String relative) {
                return ignore.excludes(relative);
            }

            @Override
            public boolean mayIncludeUnder(String relative) {
                return ignore.hasExceptions();
            }
        };
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        TarFiles.write(dir, "", false, filter, out);
        List<String> names = new ArrayList<>();
        try (TarArchiveInputStream tar = new TarArchiveInputStream(new java.io.ByteArrayInputStream(out.toByteArray()))) {
            for (TarArchiveEntry e = tar.getNextEntry(); e != null; e = tar.getNextEntry()) names.add(e.getName());
        }
        assertThat(names).containsExactly("Dockerfile", "skip/back", "sub/", "sub/f");
        // whole 512-byte blocks and no PAX headers: the size docker reports for the same tree
        assertThat(out.size() % 512).isZero();
    }

    @Test
    void cpRenamesTheCopiedRoot() {
        assertThat(TarFiles.rebase("tmp/f", "tmp", "x")).isEqualTo("x/f");
        assertThat(TarFiles.rebase("tmp/", "tmp", "x")).isEqualTo("x");
        assertThat(TarFiles.rebase("tmpx/f", "tmp", "x")).isEqualTo("tmpx/f");
        assertThat(TarFiles.rebase("./f", ".", "x")).isEqualTo("x/f");
    }
}
