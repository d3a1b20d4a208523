package dev.barge.container.mounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.barge.container.VolumeAccess;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MountPlannerTest {
    /** Volumes as names only: anonymous ones numbered, removals recorded. */
    static final class FakeVolumes implements VolumeAccess {
        final List<String> created = new ArrayList<>();
        final List<String> removed = new ArrayList<>();

        @Override
        public String ensure(String name, Map<String, String> driverOptions, Map<String, String> labels) {
            if (name.contains("!")) {
                throw dev.barge.core.BargeException.invalid("bad volume name %s", name);
            }
            created.add(name);
            return "/v/" + name;
        }

        @Override
        public String createAnonymous() {
            String name = "anon" + created.size();
            created.add(name);
            return name;
        }

        @Override
        public String mountpoint(String name) {
            return "/v/" + name;
        }

        @Override
        public Path acquire(String name, String containerId) {
            return Path.of("/v/" + name);
        }

        @Override
        public void release(String name, String containerId) {}

        @Override
        public void removeIfUnused(String name) {
            removed.add(name);
        }
    }

    private final FakeVolumes volumes = new FakeVolumes();
    private final MountPlanner planner = new MountPlanner(volumes);

    @Test
    void imageVolumesGetAnonymousVolumesUnlessAMountCoversThem() {
        List<MountPoint> plan = planner.plan(List.of("data:/data"), List.of(), List.of(), List.of("/data", "/cache/"),
                ref -> List.of());
        assertThat(plan).extracting(MountPoint::destination, MountPoint::name, MountPoint::anonymous)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("/data", "data", false),
                        org.assertj.core.groups.Tuple.tuple("/cache", "anon1", true));
    }

    @Test
    void aRepeatedDestinationIsRefusedAndAnonymousVolumesAreUndone() {
        assertThatThrownBy(() -> planner.plan(List.of("/tmp:/x", "v:/x/"), List.of(), List.of(), List.of(),
                ref -> List.of())).hasMessage("Duplicate mount point: /x");
        assertThatThrownBy(() -> planner.plan(List.of("/a", "bad!:/b"), List.of(), List.of(), List.of(),
                ref -> List.of())).hasMessage("bad volume name bad!");
        assertThat(volumes.removed).containsExactly("anon0");
    }

    @Test
    void volumesFromCopiesTheOthersMountsWithTheAccessAskedFor() {
        MountPoint other = new MountPoint("volume", "shared", "/v/shared", "/s", "local", "z", true, "", true, false,
                List.of());
        MountPoint tmpfs = new MountPoint("tmpfs", "", "", "/t", "", "", true, "", false, false, List.of());
        List<MountPoint> plan = planner.plan(List.of(), List.of(), List.of("src:ro"), List.of(),
                ref -> List.of(other, tmpfs));
        assertThat(plan).singleElement().satisfies(m -> {
            assertThat(m.name()).isEqualTo("shared");
            assertThat(m.rw()).isFalse();
            assertThat(m.anonymous()).as("rm -v of the borrower keeps the owner's volume").isFalse();
        });
        assertThatThrownBy(() -> planner.plan(List.of(), List.of(), List.of("src:bogus"), List.of(), ref -> List.of()))
                .hasMessage("invalid mode: bogus");
    }

    @Test
    void aMountFlagTmpfsCarriesItsSizeAndMode() {
        MountRequest t = new MountRequest(MountRequest.Type.TMPFS, "", "/scratch", false, "", false, false, "",
                1 << 20, 0700, Map.of(), Map.of());
        assertThat(planner.plan(List.of(), List.of(t), List.of(), List.of(), ref -> List.of()))
                .singleElement().extracting(MountPoint::options).isEqualTo(List.of("size=1048576", "mode=700"));
    }
}
