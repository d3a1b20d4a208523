package dev.barge.runtime.conmon;

import dev.barge.core.BargeException;
import dev.barge.core.Json;
import dev.barge.runtime.ExecSession;
import dev.barge.runtime.ExecSpec;
import dev.barge.runtime.RuntimeInfo;
import dev.barge.runtime.oci.HostFacts;
import dev.barge.runtime.oci.ProcessOptions;
import dev.barge.runtime.oci.Spec;
import dev.barge.runtime.oci.SpecContext;
import dev.barge.runtime.oci.UserOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code docker exec} through conmon's exec mode, as podman does it: a process spec derived from
 * the container's, conmon started with {@code --exec --exec-attach}, then the handshake —
 * release conmon, wait for "attach socket ready", connect, release the process, read its PID;
 * the exit code arrives later on the same sync pipe.
 */
final class ExecLauncher {
    private final ExecRoot layout;
    private final HostFacts host;

    ExecLauncher(ExecRoot layout, HostFacts host) {
        this.layout = layout;
        this.host = host;
    }

    ExecSession exec(Path conmon, RuntimeInfo runtime, Path runtimeRoot, String id, ExecSpec spec, long logSizeMax) {
        Path dir = layout.execDir(id, spec.execId());
        try {
            Files.createDirectories(dir.resolve("exits"));
            Files.write(dir.resolve("process.json"), Json.bytes(processFor(id, spec)));
        } catch (IOException e) {
            throw BargeException.internal("cannot prepare exec " + spec.execId() + ": " + e.getMessage(), e);
        }
        ConmonCommand command = new ConmonCommand(conmon, id, spec.execId(), runtime.path(), runtimeRoot, dir,
                dir.resolve("exec.pid"), dir.resolve("conmon.pid"), dir.resolve("exec.log"), dir.resolve("exits"),
                spec.attachStdin(), false, spec.tty(), logSizeMax, Optional.of(dir.resolve("process.json")));
        ConmonProcess process = ConmonProcess.launch(command.argv(), dir,
                List.of(ConmonProcess.Pipe.SYNC, ConmonProcess.Pipe.START, ConmonProcess.Pipe.ATTACH));
        try {
            process.release();
            SyncMessage ready = process.nextAttach();
            if (ready.failed()) throw execFailed(ready.message());
            var socket = ConmonAttachSession.connect(dir);
            process.release();
            SyncMessage started = process.nextSync();
            if (started.failed()) {
                socket.close();
                throw execFailed(started.message());
            }
            return new ConmonExecSession(socket, started.data(), process, dir);
        } catch (RuntimeException e) {
            process.close();
            RuntimeProbe.deleteTree(dir);
            throw e;
        }
    }

    private static BargeException execFailed(String message) {
        BargeException create = ConmonRuntimeDriver.createFailed(message);
        return new BargeException(create.kind(), "OCI runtime exec failed: " + message.strip());
    }

    /** The container's own process, with the exec's argv, env, cwd, user, terminal and privileges. */
    private Spec.Process processFor(String id, ExecSpec exec) throws IOException {
        Spec container = Json.parse(Files.readAllBytes(layout.bundle(id).resolve("config.json")), Spec.class);
        SpecContext context = new SpecContext(layout.rootfs(id), host);
        ProcessOptions.withArgs(exec.args()).apply(context, container);
        ProcessOptions.withTerminal(exec.tty()).apply(context, container);
        if (!exec.cwd().isEmpty()) ProcessOptions.withCwd(exec.cwd()).apply(context, container);
        if (!exec.user().isEmpty()) UserOptions.withUser(exec.user(), List.of()).apply(context, container);
        List<String> env = new ArrayList<>(container.process.env);
        if (exec.tty()) ProcessOptions.replaceOrAppend(env, "TERM=xterm");
        exec.env().forEach(entry -> ProcessOptions.replaceOrAppend(env, entry));
        container.process.env = env;
        if (exec.privileged()) container.process.capabilities = Spec.Capabilities.of(host.capabilities());
        container.process.consoleSize = null;
        return container.process;
    }
}
