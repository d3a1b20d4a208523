package dev.barge.runtime.conmon;

import dev.barge.core.OffCarrier;
import dev.barge.core.BargeException;
import dev.barge.linux.Fifos;
import java.io.BufferedReader;
import java.io.Closeable;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Starts conmon with its parent pipes. The JDK cannot hand extra file descriptors to a child,
 * so each pipe is a FIFO that a tiny {@code sh} opens on fds 3, 4, 5 before exec'ing conmon;
 * conmon then double-forks into its own session, detached from barged.
 */
final class ConmonProcess implements Closeable {
    /** conmon's parent pipes, in the order the shell opens them. */
    enum Pipe {
        SYNC("_OCI_SYNCPIPE", true), START("_OCI_STARTPIPE", false), ATTACH("_OCI_ATTACHPIPE", true);

        final String env;
        final boolean conmonWrites;

        Pipe(String env, boolean conmonWrites) {
            this.env = env;
            this.conmonWrites = conmonWrites;
        }
    }

    private final Path directory;
    private final BufferedReader sync;
    private final Optional<OutputStream> start;
    private final Optional<BufferedReader> attach;
    private final Path stderr;

    private ConmonProcess(Path directory, BufferedReader sync, Optional<OutputStream> start,
                          Optional<BufferedReader> attach, Path stderr) {
        this.directory = directory;
        this.sync = sync;
        this.start = start;
        this.attach = attach;
        this.stderr = stderr;
    }

    /** Launches conmon; returns once conmon's first process has forked and opened its pipes. */
    static ConmonProcess launch(List<String> conmonArgv, Path directory, List<Pipe> pipes) {
        try {
            StringBuilder script = new StringBuilder("exec");
            List<String> command = new ArrayList<>(List.of("/bin/sh", "-c", "", "sh"));
            ProcessBuilder builder = new ProcessBuilder();
            for (int i = 0; i < pipes.size(); i++) {
                Pipe pipe = pipes.get(i);
                Path fifo = directory.resolve(pipe.name().toLowerCase(java.util.Locale.ROOT) + ".fifo");
                Files.deleteIfExists(fifo);
                Fifos.create(fifo);
                script.append(' ').append(3 + i).append(pipe.conmonWrites ? ">" : "<").append("\"$").append(i + 1).append('"');
                command.add(fifo.toString());
                builder.environment().put(pipe.env, Integer.toString(3 + i));
            }
            script.append("; shift ").append(pipes.size()).append("; exec \"$@\"");
            command.set(2, script.toString());
            command.addAll(conmonArgv);
            Path stderr = directory.resolve("conmon.err");
            Process process = builder.command(command).directory(directory.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.to(stderr.toFile())).start();
            // each open blocks until the shell opens its end: off the carrier (see OffCarrier)
            return OffCarrier.call(() -> openPipes(process, directory, pipes, stderr));
        } catch (IOException e) {
            throw BargeException.internal("cannot start conmon: " + e.getMessage(), e);
        }
    }

    /** Opens our ends in the shell's order; every open blocks until the shell opens its end. */
    private static ConmonProcess openPipes(Process process, Path directory, List<Pipe> pipes, Path stderr) throws IOException {
        BufferedReader sync = null;
        OutputStream start = null;
        BufferedReader attach = null;
        for (Pipe pipe : pipes) {
            Path fifo = directory.resolve(pipe.name().toLowerCase(java.util.Locale.ROOT) + ".fifo");
            switch (pipe) {
                case SYNC -> sync = reader(new FileInputStream(fifo.toFile()));
                case START -> start = new FileOutputStream(fifo.toFile());
                case ATTACH -> attach = reader(new FileInputStream(fifo.toFile()));
            }
            Files.deleteIfExists(fifo);
        }
        // The JDK reaps the launcher when conmon's first process exits (right after its fork).
        return new ConmonProcess(directory, sync, Optional.ofNullable(start), Optional.ofNullable(attach), stderr);
    }

    private static BufferedReader reader(InputStream in) {
        return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
    }

    /** The next message on the sync pipe; a closed pipe means conmon died, with its stderr as message. */
    SyncMessage nextSync() {
        return next(sync);
    }

    /** Waits for conmon's "attach socket ready" message (exec with attach). */
    SyncMessage nextAttach() {
        return next(attach.orElseThrow());
    }

    /** Reads the sync pipe to its end, which comes when conmon exits (nothing else holds it). */
    void awaitExit() {
        try {
            while (OffCarrier.call(sync::readLine) != null) {
                // an exec's conmon says nothing after the exit code
            }
        } catch (IOException e) {
            // the pipe broke: conmon is gone as well
        }
    }

    /** Lets conmon go on: the first write releases its start, the second (exec) runs the process. */
    void release() {
        try {
            OutputStream out = start.orElseThrow();
            out.write('\n');
            out.flush();
        } catch (IOException e) {
            throw BargeException.internal("conmon is gone: " + e.getMessage(), e);
        }
    }

    private SyncMessage next(BufferedReader reader) {
        try {
            String line = OffCarrier.call(reader::readLine); // waits for conmon: off the carrier
            if (line == null) return new SyncMessage(-1, "conmon failed: " + stderrText());
            return SyncMessage.parse(line);
        } catch (IOException e) {
            return new SyncMessage(-1, "conmon failed: " + e.getMessage());
        }
    }

    private String stderrText() {
        try {
            String text = Files.readString(stderr).strip();
            return text.isEmpty() ? "no message (see " + directory + ")" : text;
        } catch (IOException e) {
            return "no message";
        }
    }

    @Override
    public void close() {
        closeQuietly(sync);
        start.ifPresent(ConmonProcess::closeQuietly);
        attach.ifPresent(ConmonProcess::closeQuietly);
    }

    private static void closeQuietly(Closeable closeable) {
        try {
            closeable.close();
        } catch (IOException ignored) {
            // a pipe to a dead conmon: nothing to release
        }
    }
}
