package dev.barge.build;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class DockerIgnoreTest {
    @Test
    void theLastMatchingPatternDecidesAndExceptionsKeepFiles() {
        DockerIgnore ignore = DockerIgnore.parse("# comment\n*.log\n!keep.log\nsub\n/build/**/*.o\n");
        assertTrue(ignore.excludes("a.log"));
        assertFalse(ignore.excludes("keep.log"));
        assertFalse(ignore.excludes("dir/a.log"), "* does not cross directories");
        assertTrue(ignore.excludes("sub/inner.txt"), "a directory's pattern covers what is inside");
        assertTrue(ignore.excludes("build/x.o"));
        assertTrue(ignore.excludes("build/a/b/x.o"));
        assertFalse(ignore.excludes("Dockerfile"));
    }

    @Test
    void doubleStarAndCleanedPaths() {
        DockerIgnore ignore = DockerIgnore.parse("**/*.tmp\n./Dockerfile\n.dockerignore\n!x/../y.tmp\n");
        assertTrue(ignore.excludes("a.tmp"));
        assertTrue(ignore.excludes("a/b/c.tmp"));
        assertTrue(ignore.excludes("Dockerfile"));
        assertTrue(ignore.excludes(".dockerignore"));
        assertFalse(ignore.excludes("y.tmp"));
        assertFalse(DockerIgnore.parse("").excludes("anything"));
    }
}
