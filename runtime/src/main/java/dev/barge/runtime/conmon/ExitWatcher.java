package dev.barge.runtime.conmon;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Tells listeners when conmon writes {@code exits/<id>}. Knows nothing but the directory, so it
 * works as well for containers started before a barged restart. inotify wakes it; a
 * once-a-second sweep covers missed events.
 */
final class ExitWatcher implements AutoCloseable {
    private final Path exitDir;
    private final WatchService watchService;
    private final Map<String, List<Consumer<Integer>>> listeners = new HashMap<>();
    private final Thread thread;

    ExitWatcher(Path exitDir) throws IOException {
        this.exitDir = exitDir;
        this.watchService = FileSystems.getDefault().newWatchService();
        exitDir.register(watchService, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY);
        this.thread = Thread.ofVirtual().name("exit-watcher").start(this::watch);
    }

    /** The recorded exit code, once conmon wrote it. */
    Optional<Integer> exitCode(String id) {
        try {
            String text = Files.readString(exitDir.resolve(id)).strip();
            return text.isEmpty() ? Optional.empty() : Optional.of(Integer.parseInt(text));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    void onExit(String id, Consumer<Integer> listener) {
        synchronized (this) {
            listeners.computeIfAbsent(id, k -> new ArrayList<>()).add(listener);
        }
        fireIfExited(id);
    }

    private void fireIfExited(String id) {
        Optional<Integer> code = exitCode(id);
        if (code.isEmpty()) return;
        List<Consumer<Integer>> toCall;
        synchronized (this) {
            toCall = listeners.remove(id);
        }
        if (toCall != null) toCall.forEach(listener -> listener.accept(code.get()));
    }

    private void watch() {
        try {
            while (true) {
                WatchKey key = watchService.poll(1, TimeUnit.SECONDS);
                if (key != null) {
                    for (WatchEvent<?> event : key.pollEvents()) {
                        if (event.context() instanceof Path name) fireIfExited(name.toString());
                    }
                    key.reset();
                }
                List<String> waiting;
                synchronized (this) {
                    waiting = List.copyOf(listeners.keySet());
                }
                waiting.forEach(this::fireIfExited);
            }
        } catch (InterruptedException | ClosedWatchServiceException e) {
            // closed: stop watching
        }
    }

    @Override
    public void close() {
        try {
            watchService.close();
        } catch (IOException ignored) {
            // nothing more to release
        }
        thread.interrupt();
    }
}
