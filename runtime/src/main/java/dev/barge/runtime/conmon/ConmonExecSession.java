package dev.barge.runtime.conmon;

import dev.barge.linux.SeqpacketSocket;
import dev.barge.runtime.ExecSession;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;

/** An exec'd process: its stdio through conmon's attach socket, its exit code from conmon's sync pipe. */
final class ConmonExecSession extends ConmonAttachSession implements ExecSession {
    private final int pid;
    private final Path directory;
    private final CompletableFuture<Integer> exit = new CompletableFuture<>();

    ConmonExecSession(SeqpacketSocket socket, int pid, ConmonProcess conmon, Path directory) {
        super(socket);
        this.pid = pid;
        this.directory = directory;
        Thread.ofVirtual().name("exec-exit").start(() -> {
            SyncMessage ended = conmon.nextSync();
            conmon.close();
            RuntimeProbe.deleteTree(directory);
            exit.complete(ended.data());
        });
    }

    @Override
    public int pid() {
        return pid;
    }

    @Override
    public int waitFor() throws InterruptedException {
        try {
            return exit.get();
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    @Override
    public void resize(int height, int width) {
        ConmonRuntimeDriver.resizeVia(directory.resolve("ctl"), height, width);
    }
}
