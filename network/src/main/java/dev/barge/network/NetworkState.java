package dev.barge.network;

import dev.barge.core.BargeException;
import dev.barge.core.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/**
 * Networks and sandboxes in memory, written through to disk on every change. All methods are
 * synchronized: they are short, and the kernel work happens outside them.
 */
final class NetworkState {
    private final NetworkStore store;
    private final Path sandboxDir;
    private final Map<String, Network> networks = new LinkedHashMap<>();
    private final Map<String, Sandbox> sandboxes = new LinkedHashMap<>();

    NetworkState(Path dataRoot, Path execRoot) {
        this.store = new NetworkStore(dataRoot);
        this.sandboxDir = execRoot.resolve("sandboxes");
        try {
            Files.createDirectories(sandboxDir);
        } catch (IOException e) {
            throw BargeException.internal("cannot create " + sandboxDir, e);
        }
    }

    synchronized void load() {
        networks.clear();
        store.loadAll().forEach(n -> networks.put(n.id(), n));
        sandboxes.clear();
        try (Stream<Path> files = Files.list(sandboxDir)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".json")).toList()) {
                Sandbox s = Json.parse(Files.readAllBytes(f), Sandbox.class);
                sandboxes.put(s.containerId(), s);
            }
        } catch (IOException e) {
            throw BargeException.internal("cannot read sandboxes", e);
        }
    }

    synchronized List<Network> networks() {
        return List.copyOf(networks.values());
    }

    synchronized Optional<Network> byId(String id) {
        return Optional.ofNullable(networks.get(id));
    }

    /** Docker's lookup order: full ID, exact name, then a unique ID prefix. */
    synchronized Network find(String idOrName) {
        Network n = networks.get(idOrName);
        if (n != null) {
            return n;
        }
        for (Network candidate : networks.values()) {
            if (candidate.name().equals(idOrName)) {
                return candidate;
            }
        }
        List<Network> prefixed = networks.values().stream().filter(c -> c.id().startsWith(idOrName)).toList();
        if (prefixed.size() == 1 && !idOrName.isEmpty()) {
            return prefixed.getFirst();
        }
        if (prefixed.size() > 1) {
            throw BargeException.invalid("network %s is ambiguous (%d matches found based on ID prefix)", idOrName, prefixed.size());
        }
        throw BargeExceptions.notFound(idOrName);
    }

    synchronized void put(Network n) {
        store.save(n);
        networks.put(n.id(), n);
    }

    /** Applies {@code change} to the current value of a network and persists the result. */
    synchronized Network update(String id, UnaryOperator<Network> change) {
        Network current = networks.get(id);
        if (current == null) {
            throw BargeExceptions.notFound(id);
        }
        Network next = change.apply(current);
        put(next);
        return next;
    }

    synchronized void remove(String id) {
        store.delete(id);
        networks.remove(id);
    }

    synchronized Optional<Sandbox> sandbox(String containerId) {
        return Optional.ofNullable(sandboxes.get(containerId));
    }

    synchronized List<Sandbox> sandboxes() {
        return new ArrayList<>(sandboxes.values());
    }

    synchronized void putSandbox(Sandbox s) {
        NetworkStore.AtomicFiles.write(sandboxDir.resolve(s.containerId() + ".json"), Json.bytes(s));
        sandboxes.put(s.containerId(), s);
    }

    synchronized void removeSandbox(String containerId) {
        sandboxes.remove(containerId);
        try {
            Files.deleteIfExists(sandboxDir.resolve(containerId + ".json"));
        } catch (IOException e) {
            throw BargeException.internal("cannot remove sandbox of " + containerId, e);
        }
    }
}
