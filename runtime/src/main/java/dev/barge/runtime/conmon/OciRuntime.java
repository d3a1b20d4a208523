package dev.barge.runtime.conmon;

import dev.barge.core.OffCarrier;
import com.fasterxml.jackson.databind.JsonNode;
import dev.barge.core.BargeException;
import dev.barge.core.ErrorKind;
import dev.barge.core.Json;
import dev.barge.runtime.ProcessState;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * runc or crun's command line for everything after create: start, kill, pause, resume, state,
 * delete, all against the runtime's own state directory ({@code --root}).
 */
record OciRuntime(String name, Path binary, Path root) {
    void start(String id) {
        run("start", id);
    }

    void kill(String id, int signal) {
        run("kill", id, Integer.toString(signal));
    }

    void pause(String id) {
        run("pause", id);
    }

    void resume(String id) {
        run("resume", id);
    }

    void delete(String id) {
        Result result = exec("delete", "--force", id);
        if (result.code() != 0 && !doesNotExist(result.stderr())) throw failure("delete", result.stderr());
    }

    /** The runtime's view; {@link ProcessState.Status#UNKNOWN} when it has no such container. */
    ProcessState state(String id) {
        Result result = exec("state", id);
        if (result.code() != 0) return new ProcessState(ProcessState.Status.UNKNOWN, 0);
        JsonNode node = Json.parse(result.stdout().getBytes(StandardCharsets.UTF_8), JsonNode.class);
        ProcessState.Status status = switch (node.path("status").asText()) {
            case "created" -> ProcessState.Status.CREATED;
            case "running" -> ProcessState.Status.RUNNING;
            case "paused" -> ProcessState.Status.PAUSED;
            case "stopped" -> ProcessState.Status.STOPPED;
            default -> ProcessState.Status.UNKNOWN;
        };
        int pid = status == ProcessState.Status.STOPPED ? 0 : node.path("pid").asInt(0);
        return new ProcessState(status, pid);
    }

    private void run(String verb, String... args) {
        String[] all = new String[args.length + 1];
        all[0] = verb;
        System.arraycopy(args, 0, all, 1, args.length);
        Result result = exec(all);
        if (result.code() != 0) throw failure(verb, result.stderr());
    }

    private BargeException failure(String verb, String stderr) {
        String message = stderr.strip();
        ErrorKind kind = doesNotExist(message) ? ErrorKind.NOT_FOUND
                : message.contains("not running") || message.contains("not paused") || message.contains("cannot start")
                        || message.contains("already") ? ErrorKind.CONFLICT : ErrorKind.INTERNAL;
        return new BargeException(kind, name + " " + verb + " failed: " + message);
    }

    private static boolean doesNotExist(String stderr) {
        return stderr.contains("does not exist") || stderr.contains("not exist");
    }

    record Result(int code, String stdout, String stderr) {}

    Result exec(String... args) {
        List<String> command = new ArrayList<>(List.of(binary.toString(), "--root", root.toString()));
        command.addAll(List.of(args));
        try {
            Process process = new ProcessBuilder(command)
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
            // Read stderr on the side so neither pipe fills up; pipe reads pin a virtual thread's
            // carrier, so both happen on platform threads (see OffCarrier).
            String[] err = new String[1];
            Thread stderr = Thread.ofPlatform().daemon().start(() -> err[0] = readAll(process.getErrorStream()));
            String out = OffCarrier.call(() -> readAll(process.getInputStream()));
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw BargeException.internal(name + " " + args[0] + " timed out", null);
            }
            stderr.join();
            return new Result(process.exitValue(), out, err[0]);
        } catch (IOException e) {
            throw BargeException.internal("cannot run " + binary + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw BargeException.internal("interrupted while running " + name, e);
        }
    }

    private static String readAll(java.io.InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }
}
