package dev.barge.container;

import java.util.List;

/** {@code docker exec}: what to run in a running container. */
public record ExecRequest(List<String> cmd, List<String> env, String workingDir, String user, boolean tty,
                          boolean attachStdin, boolean attachStdout, boolean attachStderr, boolean privileged,
                          String detachKeys) {
    public ExecRequest {
        cmd = List.copyOf(cmd);
        env = List.copyOf(env);
    }
}
