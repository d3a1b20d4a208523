package dev.barge.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.barge.core.BargeException;
import dev.barge.core.Digest;
import dev.barge.core.ErrorKind;
import dev.barge.core.event.Event;
import dev.barge.core.event.EventBus;
import dev.barge.store.Store;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(60)
class ImageServiceTest {
    @TempDir static Path fixtures;
    static Path busybox;

    @TempDir Path root;
    Store store;
    EventBus events;
    List<ImageUsage.User> users = new CopyOnWriteArrayList<>();
    ImageService images;

    @BeforeAll
    static void makeFixture() throws Exception {
        busybox = Fixtures.busybox(fixtures, "busybox:latest");
    }

    @BeforeEach
    void open() {
        store = Store.open(root.resolve("store"));
        events = new EventBus();
        images = new ImageService(store, events, id -> List.copyOf(users));
    }

    @AfterEach
    void close() {
        store.close();
    }

    private List<String> load(Path archive) throws Exception {
        List<String> progress = new ArrayList<>();
        try (InputStream in = Files.newInputStream(archive)) {
            List<String> result = images.load(in, false, progress::add);
            assertThat(progress).isEqualTo(result);
            return result;
        }
    }

    @Test
    void loadsBusyboxAndReportsLikeDocker() throws Exception {
        assertThat(load(busybox)).containsExactly("Loaded image: busybox:latest");
        Image image = images.resolve("busybox");
        assertThat(image.familiarTags()).containsExactly("busybox:latest");
        assertThat(image.id()).isEqualTo(Digest.sha256(image.rawConfig()));
        assertThat(image.config().config().cmd()).containsExactly("sh");
        assertThat(image.config().architecture()).isEqualTo("amd64");
        assertThat(image.chainIds()).hasSize(1);
        assertThat(image.size()).isGreaterThan(100_000);
        assertThat(images.resolve(image.id().toString()).id()).isEqualTo(image.id());
        assertThat(images.resolve(image.id().hex().substring(0, 6)).id()).isEqualTo(image.id());
        assertThat(images.resolve("docker.io/library/busybox:latest").id()).isEqualTo(image.id());
        Path diff = store.layers().diffDir(store.layers().layer(image.chainIds().getFirst()).orElseThrow());
        assertThat(diff.resolve("bin/busybox")).isRegularFile();
        assertThat(Files.readSymbolicLink(diff.resolve("bin/sh")).toString()).isEqualTo("/bin/busybox");
        assertThat(images.graphDriverData(image)).containsKeys("UpperDir", "MergedDir", "WorkDir").doesNotContainKey("LowerDir");
        List<Event> history = events.history(0, Long.MAX_VALUE, e -> true);
        assertThat(history).extracting(Event::action).containsExactly("load", "tag");
        assertThat(history.get(1).attributes()).containsEntry("name", "busybox:latest");
    }

    @Test
    void unknownNamesAreNotFoundInDockerWords() {
        assertThatThrownBy(() -> images.resolve("busybox"))
                .isInstanceOf(BargeException.class).hasMessage("No such image: busybox:latest")
                .satisfies(e -> assertThat(((BargeException) e).kind()).isEqualTo(ErrorKind.NOT_FOUND));
    }

    @Test
    void loadingTheSameArchiveTwiceIsIdempotent() throws Exception {
        load(busybox);
        TreeSet<String> before = Fixtures.tree(store.root());
        assertThat(load(busybox)).containsExactly("Loaded image: busybox:latest");
        assertThat(Fixtures.tree(store.root())).isEqualTo(before);
        assertThat(images.images()).hasSize(1);
    }

    @Test
    void historyListsNewestFirstWithSizes() throws Exception {
        load(busybox);
        List<HistoryItem> history = images.history("busybox");
        assertThat(history).hasSize(1);
        assertThat(history.getFirst().id()).startsWith("sha256:");
        assertThat(history.getFirst().tags()).containsExactly("busybox:latest");
        assertThat(history.getFirst().createdBy()).isEqualTo("make-busybox-image: static busybox rootfs");
        assertThat(history.getFirst().size()).isEqualTo(images.resolve("busybox").size());
    }

    @Test
    void tagThenRemoveUntagsUntilTheLastReference() throws Exception {
        load(busybox);
        Digest id = images.resolve("busybox").id();
        images.tag("busybox", "example.com/team/box", "v1");
        assertThat(images.resolve("example.com/team/box:v1").id()).isEqualTo(id);
        assertThat(images.resolve("busybox").familiarTags()).containsExactly("busybox:latest", "example.com/team/box:v1");

        assertThatThrownBy(() -> images.remove(id.hex().substring(0, 12), false, false))
                .hasMessage("conflict: unable to delete %s (must be forced) - image is referenced in multiple repositories", id.shortHex())
                .satisfies(e -> assertThat(((BargeException) e).kind()).isEqualTo(ErrorKind.CONFLICT));

        assertThat(images.remove("example.com/team/box:v1", false, false))
                .containsExactly(new DeleteResult.Untagged("example.com/team/box:v1"));
        List<DeleteResult> last = images.remove("busybox", false, false);
        assertThat(last.getFirst()).isEqualTo(new DeleteResult.Untagged("busybox:latest"));
        assertThat(last.get(1)).isEqualTo(new DeleteResult.Deleted(id.toString()));
        assertThat(last).hasSize(3);
        assertThat(images.images()).isEmpty();
        assertThat(store.metadata().layers()).isEmpty();
        assertThat(store.content().list()).isEmpty();
    }

    @Test
    void removingByShortIdUntagsASingleTagAndDeletes() throws Exception {
        load(busybox);
        Digest id = images.resolve("busybox").id();
        assertThat(images.remove(id.hex().substring(0, 4), false, false)).startsWith(
                new DeleteResult.Untagged("busybox:latest"), new DeleteResult.Deleted(id.toString()));
        assertThat(images.images()).isEmpty();
    }

    @Test
    void removingByIdAnImageAStoppedContainerUsesNeedsForce() throws Exception {
        load(busybox);
        Digest id = images.resolve("busybox").id();
        users.add(new ImageUsage.User("d".repeat(64), false));
        assertThatThrownBy(() -> images.remove(id.toString(), false, false))
                .hasMessage("conflict: unable to delete %s (must be forced) - image is being used by stopped container dddddddddddd", id.shortHex());
        assertThat(images.resolve("busybox").id()).isEqualTo(id);
    }

    @Test
    void forcedIdRemovalUntagsEverything() throws Exception {
        load(busybox);
        Digest id = images.resolve("busybox").id();
        images.tag("busybox", "other", "");
        assertThat(images.remove(id.toString(), true, false)).startsWith(
                new DeleteResult.Untagged("busybox:latest"), new DeleteResult.Untagged("other:latest"), new DeleteResult.Deleted(id.toString()));
    }

    @Test
    void containersProtectTheirImage() throws Exception {
        load(busybox);
        Digest id = images.resolve("busybox").id();
        String container = "c".repeat(64);
        users.add(new ImageUsage.User(container, true));
        // another tag remains: untagging one needs no force even while a container uses the image
        images.tag("busybox", "spare", "1");
        assertThat(images.remove("spare:1", false, false)).containsExactly(new DeleteResult.Untagged("spare:1"));
        assertThatThrownBy(() -> images.remove("busybox", false, false))
                .hasMessage("conflict: unable to remove repository reference \"busybox\" (must force) - container cccccccccccc is using its referenced image %s", id.shortHex());
        assertThatThrownBy(() -> images.remove(id.toString(), true, false))
                .hasMessage("conflict: unable to delete %s (cannot be forced) - image is being used by running container cccccccccccc", id.shortHex());
        // forced untag of a running container's image keeps the image, now dangling
        assertThat(images.remove("busybox", true, false)).containsExactly(new DeleteResult.Untagged("busybox:latest"));
        assertThat(images.resolve(id.toString()).dangling()).isTrue();
        assertThat(images.prune(false, ImageFilters.NONE).deleted()).isEmpty();
    }

    @Test
    void pruneDeletesDanglingImagesAndReportsSpace() throws Exception {
        load(busybox);
        Digest first = images.resolve("busybox").id();
        Path other = Fixtures.busybox(root, "busybox:latest");
        // rebuild yields identical bytes: same image; make a different one by importing
        Digest imported = importRootfs("busybox:latest");
        assertThat(imported).isNotEqualTo(first);
        assertThat(images.resolve(first.toString()).dangling()).isTrue();
        assertThat(images.list(false, ImageFilters.forList(Map.of("dangling", List.of("true")))))
                .extracting(Image::id).containsExactly(first);
        PruneResult pruned = images.prune(false, ImageFilters.NONE);
        assertThat(pruned.deleted()).contains(new DeleteResult.Deleted(first.toString()));
        assertThat(pruned.spaceReclaimed()).as("the imported image shares the layer").isZero();
        assertThat(images.images()).extracting(Image::id).containsExactly(imported);
        PruneResult all = images.prune(true, ImageFilters.NONE);
        assertThat(all.deleted()).startsWith(new DeleteResult.Untagged("busybox:latest"), new DeleteResult.Deleted(imported.toString()));
        assertThat(all.spaceReclaimed()).isGreaterThan(100_000);
        assertThat(images.images()).isEmpty();
        assertThat(other).exists();
    }

    private Digest importRootfs(String ref) throws Exception {
        Map<String, byte[]> members = Fixtures.members(busybox);
        String layerName = members.keySet().stream().filter(n -> n.startsWith("blobs/") && members.get(n).length > 100_000).findFirst().orElseThrow();
        return images.importImage(new ByteArrayInputStream(members.get(layerName)), ref,
                List.of("CMD [\"sh\"]", "ENV A=1 B=\"two words\"", "EXPOSE 80", "LABEL team=core", "WORKDIR /srv", "USER nobody"), "");
    }

    @Test
    void importMakesAOneLayerImageWithChanges() throws Exception {
        Digest id = importRootfs("example/imported:1");
        Image image = images.resolve("example/imported:1");
        assertThat(image.id()).isEqualTo(id);
        RunConfig c = image.config().config();
        assertThat(c.cmd()).containsExactly("sh");
        assertThat(c.env()).containsExactly("A=1", "B=two words");
        assertThat(c.exposedPorts()).containsOnlyKeys("80/tcp");
        assertThat(c.labels()).containsEntry("team", "core");
        assertThat(c.workingDir()).isEqualTo("/srv");
        assertThat(c.user()).isEqualTo("nobody");
        assertThat(image.config().history()).singleElement().satisfies(h -> assertThat(h.comment()).isEqualTo("Imported from -"));
        assertThat(images.list(false, ImageFilters.forList(Map.of("label", List.of("team=core"))))).extracting(Image::id).containsExactly(id);
        assertThat(images.list(false, ImageFilters.forList(Map.of("reference", List.of("example/*"))))).extracting(Image::id).containsExactly(id);
        assertThat(images.prune(true, ImageFilters.forPrune(Map.of("label!", List.of("team=core")))).deleted()).isEmpty();
        assertThat(images.resolve(id.toString()).id()).isEqualTo(id);
        assertThatThrownBy(() -> images.importImage(new ByteArrayInputStream(new byte[10]), "", List.of("FROM x"), ""))
                .hasMessage("from is not a valid change command");
    }

    @Test
    void saveThenLoadIntoAFreshStoreKeepsIds() throws Exception {
        load(busybox);
        importRootfs("example/imported:1");
        Digest a = images.resolve("busybox").id();
        Digest b = images.resolve("example/imported:1").id();
        ByteArrayOutputStream saved = new ByteArrayOutputStream();
        images.save(List.of("busybox", "example/imported:1"), saved);
        Path archive = root.resolve("saved.tar");
        Files.write(archive, saved.toByteArray());
        Map<String, byte[]> members = Fixtures.members(archive);
        assertThat(members).containsKeys("manifest.json", "index.json", "oci-layout", "repositories", "blobs/sha256/" + a.hex());

        try (Store fresh = Store.open(root.resolve("fresh"))) {
            ImageService other = new ImageService(fresh, new EventBus(), ImageUsage.NONE);
            assertThat(other.load(new ByteArrayInputStream(saved.toByteArray()), true, m -> { }))
                    .containsExactly("Loaded image: busybox:latest", "Loaded image: example/imported:1");
            assertThat(other.resolve("busybox").id()).isEqualTo(a);
            assertThat(other.resolve("example/imported:1").id()).isEqualTo(b);
            // the OCI half alone loads too, with the same IDs
            members.remove("manifest.json");
            try (Store oci = Store.open(root.resolve("oci"))) {
                ImageService third = new ImageService(oci, new EventBus(), ImageUsage.NONE);
                third.load(new ByteArrayInputStream(Fixtures.tar(members)), true, m -> { });
                assertThat(third.resolve("busybox").id()).isEqualTo(a);
                assertThat(third.resolve("example/imported:1").id()).isEqualTo(b);
            }
        }
    }

    @Test
    void savingAnUnknownNameFailsBeforeWriting() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThatThrownBy(() -> images.save(List.of("nope"), out)).hasMessage("No such image: nope:latest");
        assertThat(out.size()).isZero();
    }

    @Test
    void truncatedArchiveLeavesTheStoreUnchanged() throws Exception {
        load(busybox);
        TreeSet<String> before = Fixtures.tree(store.root());
        byte[] whole = Files.readAllBytes(busybox);
        byte[] truncated = java.util.Arrays.copyOf(whole, whole.length / 2);
        try (Store other = Store.open(root.resolve("other"))) {
            ImageService service = new ImageService(other, new EventBus(), ImageUsage.NONE);
            TreeSet<String> empty = Fixtures.tree(other.root());
            assertThatThrownBy(() -> service.load(new ByteArrayInputStream(truncated), false, m -> { }))
                    .isInstanceOf(BargeException.class);
            assertThat(Fixtures.tree(other.root())).isEqualTo(empty);
            assertThat(service.images()).isEmpty();
            assertThat(other.tmp()).isEmptyDirectory();
        }
        assertThat(Fixtures.tree(store.root())).isEqualTo(before);
    }

    @Test
    void wrongDigestIsRefusedAndLeavesTheStoreUnchanged() throws Exception {
        Map<String, byte[]> members = Fixtures.members(busybox);
        String layer = members.keySet().stream().filter(n -> n.startsWith("blobs/") && members.get(n).length > 100_000).findFirst().orElseThrow();
        String fake = "blobs/sha256/" + "0".repeat(64);
        members.put(fake, members.remove(layer));
        members.put("manifest.json", new String(members.get("manifest.json")).replace(layer, fake).getBytes());
        TreeSet<String> before = Fixtures.tree(store.root());
        assertThatThrownBy(() -> images.load(new ByteArrayInputStream(Fixtures.tar(members)), false, m -> { }))
                .isInstanceOf(BargeException.class)
                .hasMessageContaining("digest mismatch: expected sha256:" + "0".repeat(64))
                .hasMessageContaining("actual sha256:" + layer.substring("blobs/sha256/".length()));
        assertThat(Fixtures.tree(store.root())).isEqualTo(before);
        assertThat(images.images()).isEmpty();
    }

    @Test
    void wrongDiffIdIsRefusedAndLeavesTheStoreUnchanged() throws Exception {
        Map<String, byte[]> members = Fixtures.members(busybox);
        String configName = members.keySet().stream().filter(n -> n.startsWith("blobs/") && new String(members.get(n)).contains("\"rootfs\"")).findFirst().orElseThrow();
        String config = new String(members.remove(configName));
        String bad = config.replaceFirst("\"diff_ids\":\\[\"sha256:[a-f0-9]{64}\"", "\"diff_ids\":[\"sha256:" + "1".repeat(64) + "\"");
        members.put("bad.json", bad.getBytes());
        members.put("manifest.json", new String(members.get("manifest.json")).replace(configName, "bad.json").getBytes());
        TreeSet<String> before = Fixtures.tree(store.root());
        assertThatThrownBy(() -> images.load(new ByteArrayInputStream(Fixtures.tar(members)), false, m -> { }))
                .hasMessageContaining("layer digest mismatch");
        assertThat(Fixtures.tree(store.root())).isEqualTo(before);
    }

    @Test
    void abandonedLoadLeavesNothingAndReopeningCleansUp() throws Exception {
        long size = Files.size(busybox);
        try (InputStream in = Fixtures.failingAfter(Files.newInputStream(busybox), size * 3 / 4)) {
            assertThatThrownBy(() -> images.load(in, false, m -> { })).isInstanceOf(BargeException.class);
        }
        assertThat(images.images()).isEmpty();
        // a crash after a layer was unpacked but before its image was committed
        Map<String, byte[]> members = Fixtures.members(busybox);
        String layer = members.keySet().stream().filter(n -> n.startsWith("blobs/") && members.get(n).length > 100_000).findFirst().orElseThrow();
        try (InputStream tar = dev.barge.store.Compression.decompressed(new ByteArrayInputStream(members.get(layer)))) {
            store.layers().apply(java.util.Optional.empty(), java.util.Optional.empty(), tar);
        }
        Files.createDirectories(store.root().resolve("overlay2/tmp-leftover/diff"));
        Files.writeString(store.tmp().resolve("load-leftover"), "x");
        store.close();
        store = Store.open(root.resolve("store"));
        images = new ImageService(store, events, ImageUsage.NONE);
        assertThat(images.images()).isEmpty();
        assertThat(store.metadata().layers()).isEmpty();
        assertThat(store.root().resolve("overlay2/tmp-leftover")).doesNotExist();
        assertThat(store.tmp()).isEmptyDirectory();
        try (var links = Files.list(store.root().resolve("overlay2/l"))) {
            assertThat(links).isEmpty();
        }
    }

    @Test
    void containerLayerMountsOverTheImage() throws Exception {
        load(busybox);
        Image image = images.resolve("busybox");
        var mounts = images.prepareRwLayer("ctr1", image);
        assertThat(mounts).singleElement().satisfies(m -> {
            assertThat(m.type()).isEqualTo("overlay");
            assertThat(m.options().getFirst()).startsWith("lowerdir=" + store.root().resolve("overlay2/l"));
            assertThat(m.options().get(1)).isEqualTo("upperdir=" + store.root().resolve("overlay2/ctr1/diff"));
        });
        assertThat(images.rwLayerDiff("ctr1")).isDirectory();
        assertThat(images.prepareRootfs("ctr1", image.id().toString())).isEqualTo(mounts);
        assertThat(images.prepareRootfs("ctr2", "busybox")).isNotEqualTo(mounts);
        images.removeRwLayer("ctr2");
        // the layer is now in use: removing the image keeps it
        images.remove("busybox", true, false);
        assertThat(store.metadata().layers()).hasSize(1);
        images.removeRwLayer("ctr1");
        assertThat(store.root().resolve("overlay2/ctr1")).doesNotExist();
    }

    @Test
    void emptyImageGetsAnEmptyLowerDir() {
        var mounts = store.layers().prepareRwLayer("bare", List.of());
        assertThat(mounts.getFirst().options().getFirst()).isEqualTo("lowerdir=" + store.root().resolve("overlay2/empty"));
        store.layers().removeRwLayer("bare");
    }

    @Test
    void digestReferencesResolveAndShowAsRepoDigests() throws Exception {
        load(busybox);
        Image image = images.resolve("busybox");
        String manifest = store.metadata().image(image.id()).orElseThrow().manifest().toString();
        store.metadata().setReference("docker.io/library/busybox@" + manifest, image.id());
        assertThat(images.resolve("busybox@" + manifest).id()).isEqualTo(image.id());
        assertThat(images.resolve("busybox").familiarDigests()).containsExactly("busybox@" + manifest);
        // untagging the last tag of a repository drops its digest references too
        assertThat(images.remove("busybox:latest", false, false)).startsWith(
                new DeleteResult.Untagged("busybox:latest"), new DeleteResult.Untagged("busybox@" + manifest),
                new DeleteResult.Deleted(image.id().toString()));
    }

    @Test
    void loadsDocker25StyleArchivesWithUncompressedLayers() throws Exception {
        Map<String, byte[]> members = Fixtures.members(busybox);
        String layer = members.keySet().stream().filter(n -> n.startsWith("blobs/") && members.get(n).length > 100_000).findFirst().orElseThrow();
        byte[] plain = new java.util.zip.GZIPInputStream(new ByteArrayInputStream(members.get(layer))).readAllBytes();
        String diffPath = "blobs/sha256/" + Digest.sha256(plain).hex();
        Map<String, byte[]> docker25 = new java.util.LinkedHashMap<>();
        members.forEach((k, v) -> {
            if (!k.equals(layer) && !k.equals("index.json")) {
                docker25.put(k, v);
            }
        });
        docker25.put(diffPath, plain);
        docker25.put("manifest.json", new String(members.get("manifest.json")).replace(layer, diffPath).getBytes());
        assertThat(images.load(new ByteArrayInputStream(Fixtures.tar(docker25)), false, m -> { })).containsExactly("Loaded image: busybox:latest");
        Image image = images.resolve("busybox");
        assertThat(store.metadata().image(image.id()).orElseThrow().layers().getFirst().mediaType())
                .isEqualTo("application/vnd.oci.image.layer.v1.tar");
    }

    @Test
    void archiveMembersThatClimbOutAreRefused() throws Exception {
        Map<String, byte[]> members = new java.util.LinkedHashMap<>(Fixtures.members(busybox));
        members.put("../../escaped", "x".getBytes());
        assertThatThrownBy(() -> images.load(new ByteArrayInputStream(Fixtures.tar(members)), false, m -> { }))
                .hasMessageContaining("escapes the archive");
        assertThat(root.resolve("escaped")).doesNotExist();
        assertThat(store.tmp()).isEmptyDirectory();
    }

    @Test
    void ociIndexOfIndexesPicksTheLinuxAmd64Manifest() throws Exception {
        Map<String, byte[]> members = new java.util.LinkedHashMap<>(Fixtures.members(busybox));
        members.remove("manifest.json");
        var index = dev.barge.core.Json.mapper().readTree(members.get("index.json"));
        var manifest = index.path("manifests").get(0);
        String nested = "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.index.v1+json\",\"manifests\":["
                + "{\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"digest\":\"sha256:" + "a".repeat(64)
                + "\",\"size\":1,\"platform\":{\"architecture\":\"arm64\",\"os\":\"linux\"}},"
                + "{\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"digest\":\"" + manifest.path("digest").asText()
                + "\",\"size\":" + manifest.path("size").asLong() + ",\"platform\":{\"architecture\":\"amd64\",\"os\":\"linux\"}}]}";
        Digest nestedDigest = Digest.sha256(nested.getBytes());
        members.put("blobs/sha256/" + nestedDigest.hex(), nested.getBytes());
        members.put("index.json", ("{\"schemaVersion\":2,\"manifests\":[{\"mediaType\":\"application/vnd.oci.image.index.v1+json\",\"digest\":\""
                + nestedDigest + "\",\"size\":" + nested.length() + ",\"annotations\":{\"io.containerd.image.name\":\"docker.io/library/multi:1\"}}]}").getBytes());
        assertThat(images.load(new ByteArrayInputStream(Fixtures.tar(members)), false, m -> { })).containsExactly("Loaded image: multi:1");
        assertThat(images.resolve("multi:1").config().architecture()).isEqualTo("amd64");
    }

    @Test
    void ambiguousPrefixIsAnError() throws Exception {
        load(busybox);
        importRootfs("x:1");
        assertThatThrownBy(() -> images.resolve("")).hasMessage("No such image: ");
        List<Image> all = images.images();
        assertThat(all).hasSize(2);
        String common = commonPrefix(all.get(0).id().hex(), all.get(1).id().hex());
        if (!common.isEmpty()) {
            assertThatThrownBy(() -> images.resolve(common)).hasMessageContaining("multiple IDs found with provided prefix");
        }
    }

    private static String commonPrefix(String a, String b) {
        int i = 0;
        while (i < a.length() && a.charAt(i) == b.charAt(i)) {
            i++;
        }
        return a.substring(0, i);
    }

    @Test
    void aConfigurationStepSharesItsParentsLayersAndRecordsAnEmptyLayer() throws Exception {
        load(busybox);
        Image parent = images.resolve("busybox");
        RunConfig config = parent.config().config().withEnv(List.of("A=b")).withShell(List.of("/bin/sh", "-ec"));
        Digest id = images.configure("busybox", config, "/bin/sh -c #(nop)  ENV A=b");
        Image child = images.resolve(id.toString());
        assertThat(child.chainIds()).isEqualTo(parent.chainIds());
        assertThat(child.config().rootfs().diffIds()).isEqualTo(parent.config().rootfs().diffIds());
        assertThat(child.config().config().env()).containsExactly("A=b");
        assertThat(child.config().config().shell()).containsExactly("/bin/sh", "-ec");
        ImageConfig.HistoryEntry last = child.config().history().getLast();
        assertThat(last.emptyLayer()).isTrue();
        assertThat(last.createdBy()).isEqualTo("/bin/sh -c #(nop)  ENV A=b");
        assertThat(images.history(id.toString()).getFirst().size()).isZero();
    }

    @Test
    void intermediateImagesAreHiddenUntilTheirChildGoes() throws Exception {
        load(busybox);
        Digest middle = images.configure("busybox", RunConfig.EMPTY.withEnv(List.of("A=1")), "step 1");
        Digest top = images.configure(middle.toString(), RunConfig.EMPTY.withEnv(List.of("A=2")), "step 2");
        assertThat(images.history(top.toString()).stream().map(HistoryItem::id).toList())
                .containsExactly(top.toString(), middle.toString(), images.resolve("busybox").id().toString());
        List<Digest> listed = images.list(false, ImageFilters.forList(Map.of())).stream().map(Image::id).toList();
        assertThat(listed).contains(top).doesNotContain(middle);
        assertThat(images.list(true, ImageFilters.forList(Map.of())).stream().map(Image::id).toList()).contains(top, middle);
        PruneResult pruned = images.prune(false, ImageFilters.forList(Map.of()));
        assertThat(pruned.deleted()).contains(new DeleteResult.Deleted(top.toString()), new DeleteResult.Deleted(middle.toString()));
        assertThat(images.resolve("busybox")).isNotNull();
    }

    @Test
    void removingABuiltImageRemovesItsUntaggedParentsUnlessOthersNeedThem() throws Exception {
        load(busybox);
        Digest shared = images.configure("busybox", RunConfig.EMPTY.withEnv(List.of("A=1")), "step 1");
        Digest left = images.configure(shared.toString(), RunConfig.EMPTY.withEnv(List.of("B=1")), "step 2a");
        Digest right = images.configure(shared.toString(), RunConfig.EMPTY.withEnv(List.of("B=2")), "step 2b");
        images.tag(left.toString(), "left", "1");
        images.tag(right.toString(), "right", "1");
        assertThatThrownBy(() -> images.remove(shared.toString(), true, false)).isInstanceOf(BargeException.class)
                .hasMessageContaining("(cannot be forced) - image has dependent child images");
        images.remove("left:1", false, false);
        assertThat(images.list(true, ImageFilters.forList(Map.of())).stream().map(Image::id).toList())
                .contains(shared, right).doesNotContain(left);
        List<DeleteResult> removed = images.remove("right:1", false, false);
        assertThat(removed).contains(new DeleteResult.Deleted(right.toString()), new DeleteResult.Deleted(shared.toString()));
        assertThat(images.resolve("busybox")).isNotNull();
    }
}
