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
        // A platform thread: the sync pipe read blocks for the exec's whole life (see OffCarrier).
        Thread.ofPlatform().daemon().name("exec-exit").start(() -> awaitExit(conmon));
    }

    /**
     * Hands out the exit code first, then waits for conmon to leave before removing its
     * directory: conmon still unlinks its attach socket after the exit line, and a cleanup that
     * raced it used to throw here and lose the exit code for good.
     */
    private void awaitExit(ConmonProcess conmon) {
        try {
            exit.complete(conmon.nextSync().data());
            conmon.awaitExit();
        } catch (RuntimeException e) {
            exit.completeExceptionally(e);
        } finally {
            conmon.close();
            RuntimeProbe.deleteTree(directory);
        }
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
