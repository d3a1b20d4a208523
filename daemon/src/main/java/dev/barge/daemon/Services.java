package dev.barge.daemon;

import dev.barge.api.EngineFacts;
import dev.barge.api.ImageRoutes;
import dev.barge.core.event.EventBus;
import dev.barge.http.Router;
import dev.barge.image.ImageService;
import dev.barge.store.Store;
import java.util.List;

/**
 * The engine's services, built from the configuration with plain constructors, and their
 * routes. The one place that knows how the domain modules fit together.
 */
final class Services implements AutoCloseable {
    private final Store store;
    private final ImageService images;

    private Services(Store store, ImageService images) {
        this.store = store;
        this.images = images;
    }

    static Services start(DaemonConfig config, EventBus events) {
        Store store = Store.open(config.dataRoot().resolve("image"));
        try {
            ImageService images = new ImageService(store, events, imageId -> List.of());
            return new Services(store, images);
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
    }

    void register(Router router) {
        new ImageRoutes(images).register(router);
    }

    /** {@code /info}'s figures, read from the services each time they are asked for. */
    EngineFacts facts() {
        return new EngineFacts() {
            @Override
            public ContainerCounts containers() {
                return new ContainerCounts(0, 0, 0);
            }

            @Override
            public int images() {
                return images.images().size();
            }
        };
    }

    @Override
    public void close() {
        store.close();
    }
}
