package dev.barge.daemon;

import dev.barge.api.ArchiveRoutes;
import dev.barge.api.ContainerRoutes;
import dev.barge.api.DistributionRoutes;
import dev.barge.api.EngineFacts;
import dev.barge.api.ExecRoutes;
import dev.barge.api.ImageRoutes;
import dev.barge.api.SystemDfRoutes;
import dev.barge.api.VolumeRoutes;
import dev.barge.api.NetworkRoutes;
import dev.barge.container.Container;
import dev.barge.container.ContainerService;
import dev.barge.container.ListOptions;
import dev.barge.container.NetworkRequest;
import dev.barge.network.NetworkService;
import java.util.Set;
import java.util.stream.Collectors;
import dev.barge.core.event.EventBus;
import dev.barge.http.Router;
import dev.barge.distribution.RegistryClient;
import dev.barge.distribution.RegistryConfig;
import dev.barge.distribution.RegistryHosts;
import dev.barge.image.ImageService;
import dev.barge.image.ImagePuller;
import dev.barge.build.Builder;
import dev.barge.image.ImagePusher;
import dev.barge.image.ImageUsage;
import dev.barge.runtime.RuntimeDriver;
import dev.barge.runtime.conmon.ConmonRuntimeDriver;
import dev.barge.store.Store;
import dev.barge.volume.VolumeService;
import dev.barge.linux.Mounts;
import dev.barge.runtime.oci.HostFacts;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The engine's services, built from the configuration with plain constructors, and their
 * routes. The one place that knows how the domain modules fit together.
 */
final class Services implements AutoCloseable {
    /** Layers pulled or pushed at once, as Docker's default max-concurrent-downloads (3). */
    private static final int PARALLEL_LAYERS = 3;

    private final Store store;
    private final ImageService images;
    private final ConmonRuntimeDriver runtime;
    private final ContainerService containers;
    private final NetworkService networks;
    private final boolean liveRestore;
    private final DistributionRoutes distribution;
    private final VolumeService volumes;
    private final Builder builder;

    private Services(Store store, ImageService images, ConmonRuntimeDriver runtime, ContainerService containers,
                     NetworkService networks, boolean liveRestore, DistributionRoutes distribution,
                     VolumeService volumes, Builder builder) {
        this.store = store;
        this.images = images;
        this.runtime = runtime;
        this.containers = containers;
        this.networks = networks;
        this.liveRestore = liveRestore;
        this.distribution = distribution;
        this.volumes = volumes;
        this.builder = builder;
    }

    static Services start(DaemonConfig config, EventBus events) {
        Store store = Store.open(config.dataRoot().resolve("image"));
        ConmonRuntimeDriver runtime = null;
        try {
            // Images ask containers whether they are in use, and containers are built from images:
            // the reference closes that loop once both exist.
            AtomicReference<ContainerService> containerRef = new AtomicReference<>();
            ImageUsage usage = imageId -> containerRef.get() == null ? List.of()
                    : containerRef.get().createdFrom(imageId.toString()).stream()
                            .map(c -> new ImageUsage.User(c.id(), c.state().running()))
                            .toList();
            ImageService images = new ImageService(store, events, usage);
            runtime = new ConmonRuntimeDriver(config.execRoot().resolve("runtime"), Mounts.system(), HostFacts.probe(),
                    Optional.of(config.defaultRuntime()).filter(r -> !r.isEmpty()), 0);
            VolumeService volumes = new VolumeService(config.dataRoot(), Mounts.system(),
                    name -> containerRef.get() == null ? List.of() : containerRef.get().volumeUsers(name), events);
            NetworkService networks = new NetworkService(config.dataRoot(), config.execRoot(), events,
                    NetworkConfigs.of(config));
            ContainerNetworkAccess networkAccess = new ContainerNetworkAccess(networks);
            ContainerService containers = new ContainerService(new ContainerImages(images), runtime, events,
                    config.dataRoot(), new ContainerVolumes(volumes), Mounts.system(), networkAccess);
            containerRef.set(containers);
            // after the containers are restored: the running ones keep their network, the rest is released
            Set<String> running = containers.list(ListOptions.ALL).stream().filter(c -> c.state().running())
                    .map(Container::id).collect(Collectors.toSet());
            networks.start(running);
            networkAccess.ready();
            RegistryClient registries = new RegistryClient(new RegistryHosts(new RegistryConfig(
                    config.insecureRegistries(), config.registryMirrors(), RegistryConfig.DEFAULT_CERTS_DIR)));
            ImagePuller puller = new ImagePuller(images, store, registries, events, PARALLEL_LAYERS);
            // the build cache lives with the images it names, so it survives a restart
            Builder builder = new Builder(images, containers,
                    (reference, platform, credentials, progress) -> puller.pull(reference, platform, credentials,
                            progress).toString(),
                    config.dataRoot().resolve("builder"));
            return new Services(store, images, runtime, containers, networks, config.liveRestore(),
                    new DistributionRoutes(puller, new ImagePusher(images, store, registries, events, PARALLEL_LAYERS),
                            registries), volumes, builder);
        } catch (RuntimeException e) {
            if (runtime != null) {
                runtime.close();
            }
            store.close();
            throw e;
        }
    }

    RuntimeDriver runtime() {
        return runtime;
    }

    void register(Router router) {
        new ImageRoutes(images, distribution::pull).register(router);
        distribution.register(router);
        new ContainerRoutes(containers, networks::attachment).register(router);
        new NetworkRoutes(networks, new dev.barge.api.ContainerNetworkHooks() {
            @Override
            public void connect(String container, NetworkRequest.Endpoint endpoint) {
                containers.connectNetwork(container, endpoint);
            }

            @Override
            public void disconnect(String container, String network, boolean force) {
                containers.disconnectNetwork(container, network, force);
            }
        }).register(router);
        new ExecRoutes(containers).register(router);
        VolumeRoutes volumeRoutes = new VolumeRoutes(volumes);
        volumeRoutes.register(router);
        new SystemDfRoutes(images, containers, volumeRoutes).register(router);
        new ArchiveRoutes(containers).register(router);
        new dev.barge.api.BuildRoutes(builder).register(router);
    }

    /** {@code /info}'s figures, read from the services each time they are asked for. */
    EngineFacts facts() {
        return new EngineFacts() {
            @Override
            public ContainerCounts containers() {
                int running = 0;
                int paused = 0;
                int stopped = 0;
                for (Container c : containers.list(ListOptions.ALL)) {
                    switch (c.state().status()) {
                        case PAUSED -> paused++;
                        case RUNNING, RESTARTING -> running++;
                        case CREATED, EXITED, REMOVING, DEAD -> stopped++;
                    }
                }
                return new ContainerCounts(running, paused, stopped);
            }

            @Override
            public int images() {
                return images.images().size();
            }
        };
    }

    @Override
    public void close() {
        // with live restore, running containers keep their bridges and NAT rules until barged is back
        networks.shutdown(liveRestore);
        runtime.close();
        store.close();
    }
}
