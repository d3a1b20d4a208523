package dev.barge.container.mounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class MountParserTest {
    @Test
    void dashVFormsAreNamedVolumesBindsAndAnonymousVolumes() {
        MountRequest named = MountParser.parseBind("data:/var/lib/data:ro");
        assertThat(named.type()).isEqualTo(MountRequest.Type.VOLUME);
        assertThat(named.source()).isEqualTo("data");
        assertThat(named.readOnly()).isTrue();
        MountRequest bind = MountParser.parseBind("/srv:/srv:rw,z");
        assertThat(bind.type()).isEqualTo(MountRequest.Type.BIND);
        assertThat(bind.readOnly()).isFalse();
        assertThat(bind.mode()).isEqualTo("rw,z");
        MountRequest anon = MountParser.parseBind("/cache");
        assertThat(anon.type()).isEqualTo(MountRequest.Type.VOLUME);
        assertThat(anon.source()).isEmpty();
    }

    @Test
    void malformedSpecsAreRefusedInDockersWords() {
        assertThatThrownBy(() -> MountParser.parseBind("a:b:c:d")).hasMessage("invalid spec: a:b:c:d: too many colons");
        assertThatThrownBy(() -> MountParser.parseBind("data:rel"))
                .hasMessageContaining("invalid mount path: 'rel' mount path must be absolute");
        assertThatThrownBy(() -> MountParser.parseBind("/x:/y:bogus")).hasMessage("invalid mode: bogus");
        assertThatThrownBy(() -> MountParser.parseBind("/x:/")).hasMessage("invalid specification: destination can't be '/'");
    }

    @Test
    void mountFlagBindsNeedAnExistingSourceAndPrivatePropagation() {
        MountRequest missing = new MountRequest(MountRequest.Type.BIND, "/definitely/not/here", "/x", false, "", false,
                false, "", 0, 0, Map.of(), Map.of());
        assertThatThrownBy(() -> MountParser.check(missing))
                .hasMessage("invalid mount config for type \"bind\": bind source path does not exist: /definitely/not/here");
        MountRequest shared = new MountRequest(MountRequest.Type.BIND, "/tmp", "/x", false, "", false, false, "rshared",
                0, 0, Map.of(), Map.of());
        assertThatThrownBy(() -> MountParser.check(shared)).hasMessageContaining("/ is a private mount");
        MountRequest tmpfsWithSource = new MountRequest(MountRequest.Type.TMPFS, "/tmp", "/x", false, "", false, false,
                "", 0, 0, Map.of(), Map.of());
        assertThatThrownBy(() -> MountParser.check(tmpfsWithSource))
                .hasMessage("invalid mount config for type \"tmpfs\": field Source must not be specified");
    }
}
