package dev.barge.container;

import dev.barge.core.BargeException;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The live containers by ID and by name; lookup by full ID, name or unique ID prefix. */
final class ContainerRegistry {
    private final Map<String, LiveContainer> byId = new ConcurrentHashMap<>();
    private final Map<String, String> idByName = new ConcurrentHashMap<>();

    /** Claims {@code name} (with its slash) for {@code id}; Docker's conflict message if taken. */
    void reserveName(String name, String id) {
        String holder = idByName.putIfAbsent(name, id);
        if (holder != null && !holder.equals(id)) {
            throw BargeException.conflict("Conflict. The container name \"%s\" is already in use by container "
                    + "\"%s\". You have to remove (or rename) that container to be able to reuse that name.",
                    name, holder);
        }
    }

    void releaseName(String name, String id) {
        idByName.remove(name, id);
    }

    boolean nameTaken(String name) {
        return idByName.containsKey(name);
    }

    void add(LiveContainer c) {
        byId.put(c.id(), c);
    }

    void remove(LiveContainer c) {
        byId.remove(c.id(), c);
        releaseName(c.current().name(), c.id());
    }

    Collection<LiveContainer> all() {
        return byId.values();
    }

    boolean contains(String id) {
        return byId.containsKey(id);
    }

    /** By full ID, name (with or without slash), or unique ID prefix; "No such container: x" otherwise. */
    LiveContainer lookup(String ref) {
        if (ref.isEmpty()) {
            throw BargeException.notFound("No such container: %s", ref);
        }
        LiveContainer exact = byId.get(ref);
        if (exact != null) {
            return exact;
        }
        String byName = idByName.get(ref.startsWith("/") ? ref : "/" + ref);
        if (byName != null && byId.containsKey(byName)) {
            return byId.get(byName);
        }
        List<LiveContainer> prefixed = byId.values().stream().filter(c -> c.id().startsWith(ref)).toList();
        if (prefixed.size() > 1) {
            throw BargeException.invalid("multiple IDs found with provided prefix: %s", ref);
        }
        if (prefixed.isEmpty()) {
            throw BargeException.notFound("No such container: %s", ref);
        }
        return prefixed.getFirst();
    }
}
