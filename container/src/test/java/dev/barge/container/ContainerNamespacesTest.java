package dev.barge.container;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.barge.core.BargeException;
import dev.barge.core.ErrorKind;
import dev.barge.core.Json;
import dev.barge.core.Mount;
import dev.barge.runtime.RunSpec;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class ContainerNamespacesTest {
    private static final Function<String, Path> SHM = id -> Path.of("/containers", id, "shm");

    private static Container container(String id, NamespaceModes modes, int pid) {
        ContainerState state = pid > 0 ? ContainerState.created().running(pid, 1) : ContainerState.created();
        return new Container(id, id, 0, "img", "sh", List.of(), Requests.config("busybox", List.of("sh")),
                HostOptions.defaults().withNamespaces(modes), state);
    }

    private static Function<String, Container> only(Container... cs) {
        return ref -> {
            for (Container c : cs) {
                if (c.id().equals(ref)) return c;
            }
            throw BargeException.notFound("No such container: %s", ref);
        };
    }

    @Test
    void invalidModesAreRefusedInDockersWords() {
        assertThatThrownBy(() -> ContainerNamespaces.validate(new NamespaceModes("bogus", "", "")))
                .hasMessage("invalid PID mode: bogus");
        assertThatThrownBy(() -> ContainerNamespaces.validate(new NamespaceModes("", "container:", "")))
                .hasMessage("invalid IPC mode: container:");
        assertThatThrownBy(() -> ContainerNamespaces.validate(new NamespaceModes("", "", "private2")))
                .hasMessage("invalid UTS mode: private2");
        ContainerNamespaces.validate(new NamespaceModes("host", "shareable", "host"));
        ContainerNamespaces.validate(new NamespaceModes("container:a", "none", ""));
    }

    @Test
    void hostModesLeaveNamespacesOutAndBindTheHostsShm() {
        var r = ContainerNamespaces.resolve(new NamespaceModes("host", "host", "host"), only(), SHM);
        assertThat(r.namespaces()).isEqualTo(new RunSpec.Namespaces(new RunSpec.Sharing.Host(),
                new RunSpec.Sharing.Host(), new RunSpec.Sharing.Host()));
        assertThat(r.mounts(List.of())).containsExactly(new Mount("bind", "/dev/shm", "/dev/shm", List.of("rbind", "rw")));
    }

    @Test
    void containerModesJoinTheRunningDonorsNamespacesAndShm() {
        Container donor = container("donor", new NamespaceModes("", "shareable", ""), 42);
        var r = ContainerNamespaces.resolve(new NamespaceModes("container:donor", "container:donor", ""),
                only(donor), SHM);
        assertThat(r.namespaces().pid()).isEqualTo(new RunSpec.Sharing.Join("/proc/42/ns/pid"));
        assertThat(r.namespaces().ipc()).isEqualTo(new RunSpec.Sharing.Join("/proc/42/ns/ipc"));
        assertThat(r.namespaces().uts()).isEqualTo(new RunSpec.Sharing.Private());
        assertThat(r.shm()).hasValue(new Mount("bind", "/containers/donor/shm", "/dev/shm", List.of("rbind", "rw")));
    }

    @Test
    void aStoppedMissingOrPrivateDonorIsRefused() {
        Container stopped = container("stopped", NamespaceModes.DEFAULT, 0);
        Container priv = container("priv", NamespaceModes.DEFAULT, 7);
        assertThatThrownBy(() -> ContainerNamespaces.resolve(new NamespaceModes("container:stopped", "", ""),
                only(stopped), SHM)).hasMessage("container stopped is not running")
                .extracting(e -> ((BargeException) e).kind()).isEqualTo(ErrorKind.CONFLICT);
        assertThatThrownBy(() -> ContainerNamespaces.resolve(new NamespaceModes("container:gone", "", ""),
                only(), SHM)).hasMessage("cannot join PID of a non running container: gone: No such container: gone");
        assertThatThrownBy(() -> ContainerNamespaces.resolve(new NamespaceModes("", "container:priv", ""),
                only(priv), SHM)).hasMessage("container priv: non-shareable IPC (hint: use IpcMode:shareable for "
                + "the donor container)");
    }

    @Test
    void hostOptionsStoredBeforeNamespacesAndDevicesStillLoad() throws Exception {
        var json = (com.fasterxml.jackson.databind.node.ObjectNode) Json.mapper().valueToTree(HostOptions.defaults());
        json.remove(List.of("namespaces", "devices"));
        HostOptions loaded = Json.mapper().treeToValue(json, HostOptions.class);
        assertThat(loaded.namespaces()).isEqualTo(NamespaceModes.DEFAULT);
        assertThat(loaded.devices()).isEmpty();
        HostOptions.Device d = new HostOptions.Device("/dev/fuse", "", "");
        assertThat(d).isEqualTo(new HostOptions.Device("/dev/fuse", "/dev/fuse", "rwm"));
    }
}
