package dev.barge.container;

import dev.barge.core.BargeException;
import dev.barge.core.Mount;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** One image, busybox-like; rootfs preparation only recorded. */
final class FakeImages implements ImageAccess {
    static final String ID = "sha256:" + "ab".repeat(32);
    ImageConfig config = new ImageConfig(List.of("PATH=/bin"), List.of("sh"), List.of(), "", "",
            Map.of("from", "image"), "", List.of(), List.of(), ImageConfig.Healthcheck.NONE);
    final Set<String> rootfs = ConcurrentHashMap.newKeySet();

    @Override
    public ResolvedImage resolve(String ref) {
        if (!ref.equals("busybox") && !ref.equals("busybox:latest") && !ref.equals(ID)) {
            throw BargeException.notFound("No such image: %s", ref.contains(":") ? ref : ref + ":latest");
        }
        return new ResolvedImage(ID, "busybox:latest", config);
    }

    @Override
    public List<Mount> prepareRootfs(String containerId, String imageId) {
        rootfs.add(containerId);
        return List.of(new Mount("overlay", "overlay", "", List.of("lowerdir=/x")));
    }

    @Override
    public void removeRootfs(String containerId) {
        rootfs.remove(containerId);
    }
}
