package dev.barge.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.barge.container.Container;
import dev.barge.container.ContainerService;
import dev.barge.container.ListOptions;
import dev.barge.core.Digest;
import dev.barge.engineapi.ContainerSummary;
import dev.barge.engineapi.ImageSummary;
import dev.barge.http.Exchange;
import dev.barge.http.Router;
import dev.barge.image.Image;
import dev.barge.image.ImageFilters;
import dev.barge.image.ImageService;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /system/df} ({@code docker system df}): disk used by images, containers and
 * volumes. There is no build cache yet, so {@code BuildCache} is always empty.
 */
public final class SystemDfRoutes {
    private final ImageService images;
    private final ContainerService containers;
    private final VolumeRoutes volumes;

    public SystemDfRoutes(ImageService images, ContainerService containers, VolumeRoutes volumes) {
        this.images = images;
        this.containers = containers;
        this.volumes = volumes;
    }

    public void register(Router router) {
        router.get("/system/df", this::diskUsage);
    }

    public record DiskUsage(@JsonProperty("LayersSize") long layersSize,
                            @JsonProperty("Images") List<ImageSummary> images,
                            @JsonProperty("Containers") List<ContainerSummary> containers,
                            @JsonProperty("Volumes") List<VolumeRoutes.VolumeView> volumes,
                            @JsonProperty("BuildCache") List<Object> buildCache) {}

    /** 0 for a container removed since the list was taken (an auto-removal racing with df). */
    private long rwLayerSize(String containerId) {
        try {
            return images.rwLayerSize(containerId);
        } catch (dev.barge.core.BargeException e) {
            if (e.kind() == dev.barge.core.ErrorKind.NOT_FOUND) {
                return 0;
            }
            throw e;
        }
    }

    void diskUsage(Exchange ex) {
        List<Image> all = images.list(true, ImageFilters.forList(Map.of()));
        List<Container> cs = containers.list(ListOptions.ALL);
        Map<String, Long> users = new HashMap<>();
        cs.forEach(c -> users.merge(c.imageId(), 1L, Long::sum));
        Map<Digest, Long> shared = images.sharedSizes();
        Map<Digest, Long> layers = new HashMap<>();
        List<ImageSummary> imageViews = all.stream().map(i -> {
            for (int n = 0; n < i.chainIds().size(); n++) {
                layers.put(i.chainIds().get(n), i.layerSizes().get(n));
            }
            return new ImageSummary(users.getOrDefault(i.id().toString(), 0L), i.created().getEpochSecond(),
                    i.id().toString(), i.config().config().labelsOrEmpty(), "", i.familiarDigests(), i.familiarTags(),
                    shared.getOrDefault(i.id(), 0L), i.size(), null);
        }).toList();
        long now = System.currentTimeMillis() * 1_000_000L;
        List<ContainerSummary> containerViews = cs.stream().map(c -> withSizes(
                ContainerViews.summary(c, now, List.of(), Map.of(), containers.mounts(c.id())), rwLayerSize(c.id()),
                imageSize(all, c.imageId()))).toList();
        long layersSize = layers.values().stream().mapToLong(Long::longValue).sum();
        Responses.ok(ex, new DiskUsage(layersSize, imageViews, containerViews, volumes.usage(), List.of()));
    }

    private static ContainerSummary withSizes(ContainerSummary s, long rw, long image) {
        return ContainerViews.withSizes(s, rw, rw + image);
    }

    private static long imageSize(List<Image> all, String imageId) {
        return all.stream().filter(i -> i.id().toString().equals(imageId)).mapToLong(Image::size).findFirst().orElse(0);
    }
}
