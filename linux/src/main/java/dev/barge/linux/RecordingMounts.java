package dev.barge.linux;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A fake {@link Mounts} for unit tests: remembers what is mounted, touches nothing. */
public final class RecordingMounts implements Mounts {
    /** One mount(2) call as recorded. */
    public record Call(String type, String source, Path target, List<String> options) {}

    private final List<Call> mounted = new CopyOnWriteArrayList<>();

    @Override
    public void mount(String type, String source, Path target, List<String> options) {
        mounted.add(new Call(type, source, target, List.copyOf(options)));
    }

    @Override
    public void unmount(Path target) {
        mounted.removeIf(call -> call.target().equals(target));
    }

    /** What is mounted now, oldest first. */
    public List<Call> mounted() {
        return new ArrayList<>(mounted);
    }
}
