package dev.barge.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.barge.core.BargeException;
import dev.barge.core.Digest;
import dev.barge.core.ErrorKind;
import dev.barge.core.event.EventBus;
import dev.barge.distribution.Credentials;
import dev.barge.distribution.RegistryClient;
import dev.barge.distribution.RegistryConfig;
import dev.barge.distribution.RegistryHosts;
import dev.barge.image.Image;
import dev.barge.image.ImagePuller;
import dev.barge.image.ImagePusher;
import dev.barge.image.ImageService;
import dev.barge.image.ImageUsage;
import dev.barge.image.PlatformSpec;
import dev.barge.image.TransferProgress;
import dev.barge.store.Store;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mindrot.jbcrypt.BCrypt;

/** Barge's client against Barge's registry on loopback: push, pull, faults, auth. */
class PushPullTest {
    @TempDir
    static Path shared;
    static RegistryServer registry;
    static String host;
    static Path busybox;

    @TempDir
    Path dir;
    Store store;
    ImageService images;
    RegistryClient client = new RegistryClient(new RegistryHosts(new RegistryConfig(List.of(), List.of(), Path.of("/nonexistent"))));
    List<TransferProgress> progress = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void startRegistry() throws Exception {
        registry = RegistryServer.start(ServerConfig.of("127.0.0.1:0", shared.resolve("registry")));
        host = "127.0.0.1:" + registry.port();
        busybox = shared.resolve("busybox.tar");
        Process p = new ProcessBuilder("/work/shared/fixtures/make-busybox-image", busybox.toString(), "busybox:latest")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IllegalStateException("make-busybox-image failed");
        }
    }

    @AfterAll
    static void stopRegistry() {
        registry.close();
    }

    @BeforeEach
    void openStore() {
        store = Store.open(dir.resolve("store"));
        images = new ImageService(store, new EventBus(), ImageUsage.NONE);
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    ImagePuller puller(RegistryClient c) {
        return new ImagePuller(images, store, c, new EventBus(), 3);
    }

    ImagePusher pusher(RegistryClient c) {
        return new ImagePusher(images, store, c, new EventBus(), 3);
    }

    /** Loads busybox and pushes it as {@code host/repo:tag}; returns its image ID. */
    Digest loadAndPush(String registryHost, String repo, Credentials creds, RegistryClient c) throws Exception {
        try (InputStream in = Files.newInputStream(busybox)) {
            images.load(in, true, m -> { });
        }
        images.tag("busybox:latest", registryHost + "/" + repo, "latest");
        pusher(c).push(registryHost + "/" + repo, "latest", creds, progress::add);
        return images.resolve("busybox:latest").id();
    }

    List<String> statuses() {
        return progress.stream().map(TransferProgress::status).toList();
    }

    @Test
    void pushThenPullIntoAFreshStoreGivesTheSameImageAndRepoDigest() throws Exception {
        Digest id = loadAndPush(host, "e2e/busybox", Credentials.NONE, client);
        assertThat(statuses()).contains("The push refers to repository [" + host + "/e2e/busybox]", "Preparing", "Pushed");
        String pushedLine = statuses().stream().filter(s -> s.startsWith("latest: digest: sha256:")).findFirst().orElseThrow();
        Path fresh = dir.resolve("fresh");
        try (Store other = Store.open(fresh)) {
            ImageService otherImages = new ImageService(other, new EventBus(), ImageUsage.NONE);
            List<TransferProgress> pulled = new CopyOnWriteArrayList<>();
            Digest got = new ImagePuller(otherImages, other, client, new EventBus(), 3)
                    .pull(host + "/e2e/busybox:latest", PlatformSpec.DEFAULT, Credentials.NONE, pulled::add);
            assertThat(got).isEqualTo(id);
            Image image = otherImages.resolve(host + "/e2e/busybox:latest");
            assertThat(image.id()).isEqualTo(id);
            String digest = pushedLine.split(" ")[2];
            assertThat(image.familiarDigests()).containsExactly(host + "/e2e/busybox@" + digest);
            List<String> s = pulled.stream().map(TransferProgress::status).toList();
            assertThat(s).contains("Pulling from e2e/busybox", "Pulling fs layer", "Downloading", "Verifying Checksum",
                    "Download complete", "Extracting", "Pull complete", "Digest: " + digest,
                    "Status: Downloaded newer image for " + host + "/e2e/busybox:latest");
            assertThat(pulled.getFirst().id()).isEqualTo("latest");

            pulled.clear();
            new ImagePuller(otherImages, other, client, new EventBus(), 3)
                    .pull(host + "/e2e/busybox", PlatformSpec.DEFAULT, Credentials.NONE, pulled::add);
            assertThat(pulled.stream().map(TransferProgress::status)).contains("Already exists",
                    "Status: Image is up to date for " + host + "/e2e/busybox:latest");

            Digest byDigest = new ImagePuller(otherImages, other, client, new EventBus(), 3)
                    .pull(host + "/e2e/busybox@" + digest, PlatformSpec.DEFAULT, Credentials.NONE, m -> { });
            assertThat(byDigest).isEqualTo(id);
        }
        // a second push finds every layer there already
        progress.clear();
        pusher(client).push(host + "/e2e/busybox", "latest", Credentials.NONE, progress::add);
        assertThat(statuses()).contains("Layer already exists").doesNotContain("Pushed");
    }

    @Test
    void pullByDigestIntoAnEmptyStore() throws Exception {
        loadAndPush(host, "e2e/bydigest", Credentials.NONE, client);
        Digest manifest = Digest.parse(statuses().stream().filter(s -> s.startsWith("latest: digest:")).findFirst().orElseThrow().split(" ")[2]);
        try (Store other = Store.open(dir.resolve("other"))) {
            ImageService otherImages = new ImageService(other, new EventBus(), ImageUsage.NONE);
            new ImagePuller(otherImages, other, client, new EventBus(), 3)
                    .pull(host + "/e2e/bydigest@" + manifest, PlatformSpec.DEFAULT, Credentials.NONE, m -> { });
            Image image = otherImages.resolve(host + "/e2e/bydigest@" + manifest);
            assertThat(image.tags()).isEmpty();
            assertThat(image.familiarDigests()).containsExactly(host + "/e2e/bydigest@" + manifest);
        }
    }

    @Test
    void unknownTagAndUnknownRepositoryInDockersWords() throws Exception {
        loadAndPush(host, "e2e/tags", Credentials.NONE, client);
        assertThatThrownBy(() -> puller(client).pull(host + "/e2e/tags:nope", PlatformSpec.DEFAULT, Credentials.NONE, m -> { }))
                .hasMessage("manifest for " + host + "/e2e/tags:nope not found: manifest unknown: manifest unknown")
                .satisfies(e -> assertThat(((BargeException) e).kind()).isEqualTo(ErrorKind.NOT_FOUND));
        assertThatThrownBy(() -> puller(client).pull(host + "/e2e/none", PlatformSpec.DEFAULT, Credentials.NONE, m -> { }))
                .hasMessage("repository " + host + "/e2e/none not found: name unknown: repository name not known to registry");
    }

    @Test
    void aCorruptedBlobIsRejectedAndTheStoreIsUnchanged() throws Exception {
        loadAndPush(host, "e2e/corrupt", Credentials.NONE, client);
        try (FaultyProxy proxy = new FaultyProxy("http://" + host); Store other = Store.open(dir.resolve("victim"))) {
            proxy.fault = FaultyProxy.Fault.CORRUPT;
            ImageService otherImages = new ImageService(other, new EventBus(), ImageUsage.NONE);
            TreeSet<String> before = tree(dir.resolve("victim"));
            assertThatThrownBy(() -> new ImagePuller(otherImages, other, client, new EventBus(), 3)
                    .pull("127.0.0.1:" + proxy.port() + "/e2e/corrupt", PlatformSpec.DEFAULT, Credentials.NONE, m -> { }))
                    .hasMessageContaining("verification failed");
            assertThat(otherImages.images()).isEmpty();
            assertThat(tree(dir.resolve("victim"))).isEqualTo(before);
        }
    }

    @Test
    void aDroppedConnectionIsResumedWithRange() throws Exception {
        Digest id = loadAndPush(host, "e2e/drop", Credentials.NONE, client);
        try (FaultyProxy proxy = new FaultyProxy("http://" + host); Store other = Store.open(dir.resolve("resume"))) {
            proxy.fault = FaultyProxy.Fault.DROP_ONCE;
            ImageService otherImages = new ImageService(other, new EventBus(), ImageUsage.NONE);
            Digest got = new ImagePuller(otherImages, other, client, new EventBus(), 3)
                    .pull("127.0.0.1:" + proxy.port() + "/e2e/drop", PlatformSpec.DEFAULT, Credentials.NONE, m -> { });
            assertThat(got).isEqualTo(id);
            assertThat(proxy.drops.get()).isEqualTo(1);
            assertThat(proxy.rangedRequests.get()).isGreaterThanOrEqualTo(1);
        }
    }

    @Test
    void aRegistryFailingWith500Or429IsAClearErrorAndLeavesNothing() throws Exception {
        loadAndPush(host, "e2e/faults", Credentials.NONE, client);
        try (FaultyProxy proxy = new FaultyProxy("http://" + host); Store other = Store.open(dir.resolve("faults"))) {
            ImageService otherImages = new ImageService(other, new EventBus(), ImageUsage.NONE);
            ImagePuller puller = new ImagePuller(otherImages, other, client, new EventBus(), 3);
            String ref = "127.0.0.1:" + proxy.port() + "/e2e/faults";
            proxy.fault = FaultyProxy.Fault.SERVER_ERROR;
            assertThatThrownBy(() -> puller.pull(ref, PlatformSpec.DEFAULT, Credentials.NONE, m -> { }))
                    .hasMessage("received unexpected HTTP status: 500 Internal Server Error");
            proxy.fault = FaultyProxy.Fault.RATE_LIMITED;
            assertThatThrownBy(() -> puller.pull(ref, PlatformSpec.DEFAULT, Credentials.NONE, m -> { }))
                    .hasMessage("toomanyrequests: You have reached your pull rate limit.");
            assertThat(otherImages.images()).isEmpty();
            proxy.fault = FaultyProxy.Fault.NONE;
            puller.pull(ref, PlatformSpec.DEFAULT, Credentials.NONE, m -> { });
        }
    }

    @Test
    void basicAuthIsRequiredAndAccepted() throws Exception {
        Path htpasswd = dir.resolve("htpasswd");
        // htpasswd -B writes $2y$; jBCrypt makes $2a$: same algorithm
        Files.writeString(htpasswd, "alice:" + BCrypt.hashpw("s3cret", BCrypt.gensalt(5)).replaceFirst("^\\$2a\\$", "\\$2y\\$") + "\n");
        ServerConfig config = new ServerConfig("127.0.0.1:0", dir.resolve("authreg"), java.util.Optional.empty(), java.util.Optional.empty(),
                java.util.Optional.of(htpasswd), ServerConfig.DEFAULT_MAX_UPLOAD, java.util.Optional.empty(), 0);
        try (RegistryServer secured = RegistryServer.start(config)) {
            String h = "127.0.0.1:" + secured.port();
            assertThatThrownBy(() -> loadAndPush(h, "auth/busybox", Credentials.NONE, client))
                    .isInstanceOf(BargeException.class)
                    .hasMessageEndingWith(": no basic auth credentials");
            assertThatThrownBy(() -> client.login(h, new Credentials("alice", "wrong", "", "")))
                    .hasMessageContaining("401 Unauthorized");
            Credentials alice = new Credentials("alice", "s3cret", "", "");
            assertThat(client.login(h, alice)).isEmpty();
            String header = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
                    "{\"username\":\"alice\",\"password\":\"s3cret\"}".getBytes(StandardCharsets.UTF_8));
            pusher(client).push(h + "/auth/busybox", "latest", Credentials.fromHeader(header), progress::add);
            assertThatThrownBy(() -> puller(client).pull(h + "/auth/busybox", PlatformSpec.DEFAULT, Credentials.NONE, m -> { }))
                    .hasMessage("Get \"http://" + h + "/v2/auth/busybox/manifests/latest\": no basic auth credentials");
            images.remove(h + "/auth/busybox:latest", false, false);
            puller(client).pull(h + "/auth/busybox", PlatformSpec.DEFAULT, alice, m -> { });
        }
    }

    @Test
    void anIndexWithOnlyAnotherPlatformIsAClearError() throws Exception {
        loadAndPush(host, "e2e/arm", Credentials.NONE, client);
        var repo = client.forPush(host, "e2e/arm", Credentials.NONE, List.of());
        var m = repo.manifest("latest");
        String index = "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.index.v1+json\",\"manifests\":[{\"mediaType\":\""
                + m.mediaType() + "\",\"digest\":\"" + m.digest() + "\",\"size\":" + m.size()
                + ",\"platform\":{\"architecture\":\"arm64\",\"os\":\"linux\"}}]}";
        repo.putManifest("armonly", "application/vnd.oci.image.index.v1+json", index.getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> puller(client).pull(host + "/e2e/arm:armonly", PlatformSpec.DEFAULT, Credentials.NONE, x -> { }))
                .hasMessage("no matching manifest for linux/amd64 in the manifest list entries");
        Digest got = puller(client).pull(host + "/e2e/arm:armonly", PlatformSpec.parse("linux/arm64"), Credentials.NONE, x -> { });
        assertThat(got).isEqualTo(images.resolve("busybox").id());
    }

    @Test
    void chunkedUploadsAndCrossRepositoryMounts() throws Exception {
        RegistryClient chunked = new RegistryClient(new RegistryHosts(new RegistryConfig(List.of(), List.of(), Path.of("/nonexistent"))),
                256 << 10);
        Digest id = loadAndPush(host, "chunked/a", Credentials.NONE, chunked);
        assertThat(statuses()).contains("Pushed");
        progress.clear();
        // the image now also names chunked/a on this registry: pushing it elsewhere there mounts
        images.tag(host + "/chunked/a:latest", host + "/chunked/b", "latest");
        pusher(chunked).push(host + "/chunked/b", "latest", Credentials.NONE, progress::add);
        assertThat(statuses()).contains("Mounted from chunked/a").doesNotContain("Pushed");
        try (Store other = Store.open(dir.resolve("chunked"))) {
            ImageService otherImages = new ImageService(other, new EventBus(), ImageUsage.NONE);
            assertThat(new ImagePuller(otherImages, other, client, new EventBus(), 3)
                    .pull(host + "/chunked/b", PlatformSpec.DEFAULT, Credentials.NONE, m -> { })).isEqualTo(id);
        }
    }

    @Test
    void aTlsRegistryOnLoopbackIsReachedWithoutVerification() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/openssl")), "openssl not installed");
        Path cert = dir.resolve("cert.pem");
        Path key = dir.resolve("key.pem");
        Process p = new ProcessBuilder("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key.toString(),
                "-out", cert.toString(), "-days", "1", "-subj", "/CN=localhost", "-addext", "subjectAltName=IP:127.0.0.1")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        ServerConfig config = new ServerConfig("127.0.0.1:0", dir.resolve("tlsreg"), java.util.Optional.of(cert), java.util.Optional.of(key),
                java.util.Optional.empty(), ServerConfig.DEFAULT_MAX_UPLOAD, java.util.Optional.empty(), 0);
        try (RegistryServer tls = RegistryServer.start(config)) {
            String h = "127.0.0.1:" + tls.port();
            Digest id = loadAndPush(h, "tls/busybox", Credentials.NONE, client);
            assertThat(client.hosts().primary(h).base().getScheme()).isEqualTo("https");
            try (Store other = Store.open(dir.resolve("tlspull"))) {
                ImageService otherImages = new ImageService(other, new EventBus(), ImageUsage.NONE);
                assertThat(new ImagePuller(otherImages, other, client, new EventBus(), 3)
                        .pull(h + "/tls/busybox", PlatformSpec.DEFAULT, Credentials.NONE, m -> { })).isEqualTo(id);
            }
        }
    }

    @Test
    void dockerHubImagesComeFromTheMirror() throws Exception {
        Digest id = loadAndPush(host, "library/busybox", Credentials.NONE, client);
        RegistryClient mirrored = new RegistryClient(new RegistryHosts(new RegistryConfig(List.of(), List.of("http://" + host),
                Path.of("/nonexistent"))));
        try (Store other = Store.open(dir.resolve("mirrored"))) {
            ImageService otherImages = new ImageService(other, new EventBus(), ImageUsage.NONE);
            Digest got = new ImagePuller(otherImages, other, mirrored, new EventBus(), 3)
                    .pull("busybox", PlatformSpec.DEFAULT, Credentials.NONE, m -> { });
            assertThat(got).isEqualTo(id);
            assertThat(otherImages.resolve("busybox:latest").familiarTags()).containsExactly("busybox:latest");
        }
    }

    static TreeSet<String> tree(Path root) throws Exception {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.map(p -> root.relativize(p).toString())
                    .filter(p -> !p.startsWith("metadata.db") && !p.startsWith("tmp"))
                    .collect(java.util.stream.Collectors.toCollection(TreeSet::new));
        }
    }
}
