package dev.barge.volume;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.barge.core.BargeException;
import dev.barge.core.ErrorKind;
import dev.barge.linux.RecordingMounts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VolumeServiceTest {
    @TempDir
    Path root;

    private final Map<String, List<String>> users = new HashMap<>();
    private final RecordingMounts mounts = new RecordingMounts();

    private VolumeService service() {
        return new VolumeService(root, mounts, name -> users.getOrDefault(name, List.of()));
    }

    @Test
    void aCreatedVolumeHasItsDataDirectoryAndSurvivesAReopen() {
        Volume v = service().create("data", "", Map.of(), Map.of("a", "b"));
        assertThat(Path.of(v.mountpoint())).isEqualTo(root.resolve("volumes/data/_data")).isDirectory();
        assertThat(v.createdAt()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
        Volume again = service().inspect("data");
        assertThat(again).isEqualTo(v);
    }

    @Test
    void creatingAnExistingNameReturnsTheExistingVolume() {
        VolumeService s = service();
        Volume first = s.create("data", "local", Map.of(), Map.of("a", "1"));
        assertThat(s.create("data", "local", Map.of(), Map.of("a", "2"))).isEqualTo(first);
    }

    @Test
    void badNamesDriversAndOptionsAreRefusedInDockersWords() {
        VolumeService s = service();
        assertThatThrownBy(() -> s.create("a", "", Map.of(), Map.of())).hasMessageContaining("too short");
        assertThatThrownBy(() -> s.create("a/b", "", Map.of(), Map.of()))
                .hasMessageContaining("includes invalid characters for a local volume name");
        assertThatThrownBy(() -> s.create("ok", "nfs-plugin", Map.of(), Map.of()))
                .isInstanceOfSatisfying(BargeException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.NOT_FOUND));
        assertThatThrownBy(() -> s.create("ok", "", Map.of("bogus", "1"), Map.of()))
                .hasMessage("create ok: invalid option key: \"bogus\"");
    }

    @Test
    void aVolumeInUseCannotBeRemovedEvenWithForce() {
        VolumeService s = service();
        s.create("busy", "", Map.of(), Map.of());
        users.put("busy", List.of("abc"));
        assertThatThrownBy(() -> s.remove("busy", true))
                .isInstanceOfSatisfying(BargeException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.CONFLICT))
                .hasMessage("remove busy: volume is in use - [abc]");
        users.clear();
        s.remove("busy", false);
        assertThat(s.find("busy")).isEmpty();
        assertThat(root.resolve("volumes/busy")).doesNotExist();
    }

    @Test
    void removingAMissingVolumeIsNotFoundUnlessForced() {
        VolumeService s = service();
        assertThatThrownBy(() -> s.remove("nope", false)).hasMessage("get nope: no such volume");
        s.remove("nope", true);
    }

    @Test
    void pruneTakesAnonymousVolumesOnlyUnlessAll() throws IOException {
        VolumeService s = service();
        s.create("named", "", Map.of(), Map.of());
        Volume anon = s.createAnonymous();
        Volume used = s.createAnonymous();
        users.put(used.name(), List.of("c1"));
        Files.writeString(Path.of(anon.mountpoint()).resolve("f"), "12345");
        assertThat(anon.name()).matches("[0-9a-f]{64}");
        assertThat(anon.labels()).containsKey(Volume.ANONYMOUS_LABEL);

        PruneReport r = s.prune(false, v -> true);
        assertThat(r.deleted()).containsExactly(anon.name());
        assertThat(r.spaceReclaimed()).isEqualTo(5);

        assertThat(s.prune(true, v -> true).deleted()).containsExactly("named");
        assertThat(s.list()).extracting(Volume::name).containsExactly(used.name());
    }

    @Test
    void anUnnamedCreateIsAnonymousAsDockerMarksItSoPruneTakesIt() {
        VolumeService s = service();
        Volume unnamed = s.create("", "", Map.of(), Map.of("keep", "me"));
        Volume named = s.create("mine", "", Map.of(), Map.of());

        assertThat(unnamed.labels()).containsEntry(Volume.ANONYMOUS_LABEL, "").containsEntry("keep", "me");
        assertThat(named.labels()).doesNotContainKey(Volume.ANONYMOUS_LABEL);
        assertThat(s.prune(false, v -> true).deleted()).containsExactly(unnamed.name());
    }

    @Test
    void aDriverOptionVolumeIsMountedAtFirstUseAndUnmountedAfterTheLast() {
        VolumeService s = service();
        Volume v = s.create("mem", "", Map.of("type", "tmpfs", "device", "tmpfs", "o", "size=1m,uid=1000"), Map.of());
        s.acquire("mem", "c1");
        s.acquire("mem", "c2");
        assertThat(mounts.mounted()).singleElement().satisfies(call -> {
            assertThat(call.type()).isEqualTo("tmpfs");
            assertThat(call.target()).isEqualTo(Path.of(v.mountpoint()));
            assertThat(call.options()).containsExactly("size=1m", "uid=1000");
        });
        s.release("mem", "c1");
        assertThat(mounts.mounted()).hasSize(1);
        s.release("mem", "c2");
        assertThat(mounts.mounted()).isEmpty();
    }

    @Test
    void aHalfCreatedVolumeDirectoryIsCleanedAtLoad() throws IOException {
        Files.createDirectories(root.resolve("volumes/torn/_data"));
        assertThat(service().list()).isEmpty();
        assertThat(root.resolve("volumes/torn")).doesNotExist();
    }
}
