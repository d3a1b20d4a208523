package dev.barge.runtime;

import java.util.List;

/**
 * An extra process in a running container ({@code docker exec}).
 *
 * @param execId     the 64-hex exec ID
 * @param args       argv
 * @param env        extra {@code KEY=value} entries, on top of the container's
 * @param cwd        working directory, or empty for the container's
 * @param user       as in {@link RunSpec.ProcessSpec#user()}, or empty for the container's
 * @param tty        allocate a pseudo-terminal
 * @param attachStdin keep stdin open
 * @param privileged all capabilities
 */
public record ExecSpec(String execId, List<String> args, List<String> env, String cwd, String user,
                       boolean tty, boolean attachStdin, boolean privileged) {
    public ExecSpec {
        args = List.copyOf(args);
        env = List.copyOf(env);
    }
}
