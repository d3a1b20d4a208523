package dev.barge.daemon;

import dev.barge.container.CommitRequest;
import dev.barge.container.ContainerConfig;
import dev.barge.container.ImageAccess;
import dev.barge.container.ImageConfig;
import dev.barge.container.ResolvedImage;
import dev.barge.core.Mount;
import dev.barge.image.Image;
import dev.barge.image.ImageService;
import dev.barge.image.RunConfig;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The image service as the container service sees it: run defaults and a writable rootfs. */
final class ContainerImages implements ImageAccess {
    private final ImageService images;

    ContainerImages(ImageService images) {
        this.images = images;
    }

    @Override
    public ResolvedImage resolve(String ref) {
        Image image = images.resolve(ref);
        String familiar = image.tags().isEmpty() ? image.id().toString() : image.tags().getFirst().familiar();
        return new ResolvedImage(image.id().toString(), familiar, runDefaults(image.config().config()));
    }

    @Override
    public List<Mount> prepareRootfs(String containerId, String imageId) {
        return images.prepareRootfs(containerId, imageId);
    }

    @Override
    public void removeRootfs(String containerId) {
        images.removeRwLayer(containerId);
    }

    @Override
    public Path rootfsChanges(String containerId) {
        return images.rwLayerDiff(containerId);
    }

    @Override
    public long imageSize(String imageId) {
        try {
            return images.resolve(imageId).size();
        } catch (dev.barge.core.BargeException e) {
            return 0; // the image was removed under the container (rmi -f)
        }
    }

    @Override
    public String commit(CommitRequest r, Path layerTar) {
        RunConfig config = ImageService.applyChanges(runConfig(r.config()), r.changes());
        return images.commit(r.imageId(), layerTar, config, r.reference(), r.comment(), r.author(), r.createdBy(),
                r.containerId(), containerConfig(r.config())).toString();
    }

    /** The committed container's own configuration, as Docker keeps it in {@code container_config}. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> containerConfig(ContainerConfig c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("Hostname", c.hostname());
        m.put("Domainname", c.domainname());
        m.put("Image", c.image());
        m.putAll(dev.barge.core.Json.mapper().convertValue(runConfig(c), Map.class));
        return m;
    }

    /** A container's configuration as an image's run defaults (what commit keeps). */
    static RunConfig runConfig(ContainerConfig c) {
        Map<String, Object> ports = new LinkedHashMap<>();
        c.exposedPorts().forEach(p -> ports.put(p, Map.of()));
        Map<String, Object> volumes = new LinkedHashMap<>();
        c.volumes().forEach(v -> volumes.put(v, Map.of()));
        return new RunConfig(c.user().isEmpty() ? null : c.user(), ports.isEmpty() ? null : ports,
                c.env().isEmpty() ? null : c.env(), c.entrypoint().isEmpty() ? null : c.entrypoint(),
                c.cmd().isEmpty() ? null : c.cmd(), volumes.isEmpty() ? null : volumes,
                c.workingDir().isEmpty() ? null : c.workingDir(), c.labels().isEmpty() ? null : c.labels(),
                c.stopSignal().isEmpty() ? null : c.stopSignal(), null, null, null, null);
    }

    static ImageConfig runDefaults(RunConfig c) {
        return new ImageConfig(c.envOrEmpty(), orEmpty(c.cmd()), orEmpty(c.entrypoint()), c.workingDirOrEmpty(),
                c.userOrEmpty(), c.labelsOrEmpty(), c.stopSignal() == null ? "" : c.stopSignal(),
                keys(c.exposedPorts()), keys(c.volumes()), healthcheck(c.healthcheck()));
    }

    private static ImageConfig.Healthcheck healthcheck(Map<String, Object> h) {
        if (h == null || !(h.get("Test") instanceof List<?> test)) {
            return ImageConfig.Healthcheck.NONE;
        }
        return new ImageConfig.Healthcheck(test.stream().map(String::valueOf).toList(), number(h, "Interval"),
                number(h, "Timeout"), number(h, "StartPeriod"), (int) number(h, "Retries"));
    }

    private static long number(Map<String, Object> m, String key) {
        return m.get(key) instanceof Number n ? n.longValue() : 0;
    }

    private static List<String> orEmpty(List<String> list) {
        return list == null ? List.of() : list;
    }

    private static List<String> keys(Map<String, Object> map) {
        return map == null ? List.of() : List.copyOf(map.keySet());
    }
}
