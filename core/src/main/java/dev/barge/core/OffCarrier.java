package dev.barge.core;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Runs a call that blocks in the kernel (a FIFO open or read, a pipe from a child process, a send
 * on a socket through FFM) on a platform thread, so that a virtual caller parks instead of pinning
 * its carrier.
 *
 * <p>Why: on JDK 25 a {@code FileInputStream} read and any FFM downcall hold the carrier for as
 * long as they block, and nothing adds a carrier meanwhile. There are as many carriers as cores
 * (two on CI), so two execs whose exit readers sat in conmon's sync pipe froze every virtual
 * thread in barged, among them the stdin pumps that would have let those very execs end: stdin
 * EOF never reached the process and its exit code never arrived. Reading a child's output
 * ({@code Process.getInputStream()}) is the same kind of read.
 */
public final class OffCarrier {
    private static final ExecutorService PLATFORM = Executors.newCachedThreadPool(
            Thread.ofPlatform().daemon().name("off-carrier-", 0).factory());

    /** A blocking call. */
    @FunctionalInterface
    public interface Call<T> {
        T run() throws IOException;
    }

    private OffCarrier() {}

    /** Runs {@code call} here on a platform thread; hands it to one and parks on a virtual thread. */
    public static <T> T call(Call<T> call) throws IOException {
        if (!Thread.currentThread().isVirtual()) return call.run();
        Future<T> result = PLATFORM.submit(() -> {
            try {
                return call.run();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        try {
            return result.get();
        } catch (ExecutionException e) {
            throw rethrown(e.getCause());
        } catch (InterruptedException e) {
            // the call goes on until the kernel returns; its caller gave up waiting
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for a blocking call");
        }
    }

    private static IOException rethrown(Throwable cause) {
        if (cause instanceof UncheckedIOException unchecked) return unchecked.getCause();
        if (cause instanceof RuntimeException runtime) throw runtime;
        if (cause instanceof Error error) throw error;
        return new IOException(cause);
    }
}
