package dev.barge.runtime.oci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.barge.runtime.RunSpec;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code --device-cgroup-rule} and {@code --cgroupns} in the spec. */
class DeviceCgroupRulesTest {
    @Test
    void rulesFollowTheDefaultsWithStarsAsMinusOne() {
        Spec spec = new Spec();
        DeviceCgroupRules.withRules(List.of("c 7:128 rwm", "b *:* r", "a *:5 m")).apply(null, spec);
        assertThat(spec.linux.resources.devices).containsExactly(
                new Spec.DeviceRule(false, null, null, null, "rwm"),
                new Spec.DeviceRule(true, "c", 7L, 128L, "rwm"),
                new Spec.DeviceRule(true, "b", -1L, -1L, "r"),
                new Spec.DeviceRule(true, "a", -1L, 5L, "m"));
    }

    @Test
    void malformedRulesAreRefusedInMobysWords() {
        for (String bad : List.of("", "c 1:1  rwm", " c 1:1 rwm", "c 1:1 rwm ", "z 1:1 rwm", "c 1:1 rwx")) {
            assertThatThrownBy(() -> DeviceCgroupRules.check(List.of(bad)))
                    .hasMessage("invalid device cgroup rule format: '" + bad + "'");
        }
        assertThatThrownBy(() -> DeviceCgroupRules.check(List.of("c 99999999999999999999:1 r")))
                .hasMessage("invalid major value in device cgroup rule format: 'c 99999999999999999999:1 r'");
    }

    @Test
    void privateCgroupNamespaceIsListedAndHostIsNot() {
        Spec spec = new Spec();
        LinuxOptions.withNamespaces(new RunSpec.NetworkNamespace.Fresh(),
                RunSpec.Namespaces.PRIVATE.withCgroup(new RunSpec.Sharing.Private())).apply(null, spec);
        assertThat(spec.linux.namespaces).extracting(Spec.Namespace::type).contains("cgroup");
        LinuxOptions.withNamespaces(new RunSpec.NetworkNamespace.Fresh(), RunSpec.Namespaces.PRIVATE).apply(null, spec);
        assertThat(spec.linux.namespaces).extracting(Spec.Namespace::type).doesNotContain("cgroup");
    }
}
