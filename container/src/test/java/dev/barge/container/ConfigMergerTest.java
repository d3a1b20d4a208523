package dev.barge.container;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ConfigMergerTest {
    private final ImageConfig image = new ImageConfig(List.of("PATH=/usr/bin", "A=1"), List.of("--help"),
            List.of("/entry"), "/work", "nobody", Map.of("l1", "image", "l2", "image"), "SIGQUIT", List.of("80/tcp"),
            List.of("/data"), ImageConfig.Healthcheck.NONE);

    private ContainerConfig merge(List<String> cmd, Optional<List<String>> entrypoint) {
        ContainerConfig user = new ContainerConfig("", "", "", false, false, false, false, false, false,
                List.of("A=2", "B=3"), cmd, List.of(), "img", "", Map.of("l2", "user"), "", -1, List.of(),
                List.of(), ImageConfig.Healthcheck.NONE);
        return ConfigMerger.merge(new CreateRequest("", user, entrypoint, HostOptions.defaults()), image);
    }

    @Test
    void imageEntrypointAndCmdApplyWhenNothingGiven() {
        ContainerConfig c = merge(List.of(), Optional.empty());
        assertThat(ConfigMerger.commandLine(c)).containsExactly("/entry", "--help");
    }

    @Test
    void givenCmdReplacesImageCmdButKeepsEntrypoint() {
        ContainerConfig c = merge(List.of("-v"), Optional.empty());
        assertThat(ConfigMerger.commandLine(c)).containsExactly("/entry", "-v");
    }

    @Test
    void givenEntrypointResetsImageCmd() {
        ContainerConfig c = merge(List.of(), Optional.of(List.of("/bin/sh")));
        assertThat(ConfigMerger.commandLine(c)).containsExactly("/bin/sh");
    }

    @Test
    void emptyEntrypointStringClearsTheImageEntrypoint() {
        ContainerConfig c = merge(List.of("echo", "hi"), Optional.of(List.of("")));
        assertThat(ConfigMerger.commandLine(c)).containsExactly("echo", "hi");
        assertThat(c.entrypoint()).as("kept as none: inspect shows null, as dockerd's").isEmpty();
        assertThatThrownBy(() -> ConfigMerger.commandLine(merge(List.of(), Optional.of(List.of("")))))
                .hasMessage("no command specified");
    }

    @Test
    void envIsMergedByKeyAndLabelsByKey() {
        ContainerConfig c = merge(List.of(), Optional.empty());
        assertThat(c.env()).containsExactly("A=2", "B=3", "PATH=/usr/bin");
        assertThat(c.labels()).containsEntry("l1", "image").containsEntry("l2", "user");
    }

    @Test
    void pathIsAddedWhenMissing() {
        assertThat(ConfigMerger.mergeEnv(List.of(), List.of("X=1"))).containsExactly(ConfigMerger.DEFAULT_PATH, "X=1");
    }

    @Test
    void imageDefaultsFillWorkdirUserStopSignalPortsVolumes() {
        ContainerConfig c = merge(List.of(), Optional.empty());
        assertThat(c.workingDir()).isEqualTo("/work");
        assertThat(c.user()).isEqualTo("nobody");
        assertThat(c.stopSignal()).isEqualTo("SIGQUIT");
        assertThat(c.exposedPorts()).containsExactly("80/tcp");
        assertThat(c.volumes()).containsExactly("/data");
    }
}
