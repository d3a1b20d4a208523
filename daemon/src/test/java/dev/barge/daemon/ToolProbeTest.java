package dev.barge.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import dev.barge.api.ToolVersions.Tool;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ToolProbeTest {
    @Test
    void versionsAndCommitsParseFromTheUsualForms() {
        assertThat(ToolProbe.parse("runc", "runc version 1.1.5+ds1\ncommit: 1.1.5+ds1-1+deb12u1\nspec: 1.0.2-dev\n"))
                .isEqualTo(new Tool("runc", "1.1.5+ds1", "1.1.5+ds1-1+deb12u1"));
        assertThat(ToolProbe.parse("docker-init", "tini version 0.19.0 - git.de40ad0\n"))
                .isEqualTo(new Tool("docker-init", "0.19.0", "de40ad0"));
    }

    @Test
    void aMissingBinaryGivesEmptyStrings() {
        assertThat(new ToolProbe(Map.of("x", "/nonexistent/x")).tools()).containsExactly(new Tool("x", "", ""));
    }
}
